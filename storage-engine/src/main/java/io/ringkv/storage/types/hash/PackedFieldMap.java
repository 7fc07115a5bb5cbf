package io.ringkv.storage.types.hash;

import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.PositionDigit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Fields in name order, packed into runs: the layout of a list, whose field names are its
 * positions, so name order is list order and the map is also the list's index.
 *
 * <p>A B+ tree, immutable: a write copies the run it changes and the branches above it, and shares
 * the rest with the map before (readers may still hold it). A run ({@link Run}) is one byte array
 * of up to {@value #MAX_ENTRIES} fields (or {@value #MAX_BYTES} bytes); a branch holds up to
 * {@value #MAX_CHILDREN} children with their first names and their counts of fields and of live
 * fields, so a field is found by name, or the i-th live one by index, in O(log n) branches and one
 * run's scan. Why runs: a pushed element's name and dot are one HLC and node, so a run stores it
 * as the difference from its neighbour's HLC (a byte or three), its value's length and its value,
 * some 18 bytes for a 14-byte element where a field of its own costs over 90; Redis's quicklist
 * packs its elements the same way.
 */
final class PackedFieldMap extends FieldMap {
    static final int MAX_ENTRIES = 128;
    static final int MAX_BYTES = 4096;
    static final int MAX_CHILDREN = 64;

    static final PackedFieldMap EMPTY = new PackedFieldMap(Run.EMPTY);

    private final Node root;

    private PackedFieldMap(Node root) {
        this.root = root;
    }

    /** The map of {@code fields}, already in name order and of distinct names: O(n), runs filled to 7/8. */
    static PackedFieldMap ofSorted(List<Field> fields) {
        List<Node> level = new ArrayList<>();
        Encoder run = new Encoder();
        for (Field field : fields) {
            if (run.count > 0 && (run.count >= MAX_ENTRIES * 7 / 8 || run.size() >= MAX_BYTES * 7 / 8)) {
                level.add(run.toRun());
                run = new Encoder();
            }
            run.write(field);
        }
        if (run.count > 0 || level.isEmpty()) {
            level.add(run.toRun());
        }
        while (level.size() > 1) {
            List<Node> up = new ArrayList<>();
            int per = MAX_CHILDREN * 7 / 8;
            for (int i = 0; i < level.size(); i += per) {
                up.add(Branch.of(level.subList(i, Math.min(level.size(), i + per)).toArray(Node[]::new)));
            }
            level = up;
        }
        return new PackedFieldMap(level.get(0));
    }

    @Override
    Field get(byte[] name) {
        Node node = root;
        while (node instanceof Branch branch) {
            node = branch.children[branch.childFor(name)];
        }
        return ((Run) node).get(name);
    }

    @Override
    Field get(Field field) {
        return get(field.name());
    }

    @Override
    FieldMap put(Field field, Field replacedOrNull) {
        Node[] after = put(root, field, field.name());
        return new PackedFieldMap(after.length == 1 ? after[0] : Branch.of(after));
    }

    /** {@code node} with {@code field} in it: one node, or two when it split. */
    private static Node[] put(Node node, Field field, byte[] name) {
        if (node instanceof Run run) {
            return run.put(field, name);
        }
        Branch branch = (Branch) node;
        int at = branch.childFor(name);
        return branch.replacing(at, put(branch.children[at], field, name));
    }

    @Override
    int size() {
        return root.size();
    }

    /** Fields holding a value. */
    int live() {
        return root.live();
    }

    /** The name of the {@code index}-th live field in name order (0 is the first). */
    byte[] liveNameAt(int index) {
        if (index < 0 || index >= root.live()) {
            throw new IndexOutOfBoundsException(index);
        }
        Node node = root;
        int left = index;
        while (node instanceof Branch branch) {
            int i = 0;
            while (left >= branch.lives[i]) {
                left -= branch.lives[i];
                i++;
            }
            node = branch.children[i];
        }
        return ((Run) node).liveNameAt(left);
    }

    /**
     * The index of {@code name} among the live fields, or {@code -(insertion point) - 1} when it
     * names no live field (as {@link Arrays#binarySearch}).
     */
    int liveIndexOf(byte[] name) {
        Node node = root;
        int before = 0;
        while (node instanceof Branch branch) {
            int at = branch.childFor(name);
            for (int i = 0; i < at; i++) {
                before += branch.lives[i];
            }
            node = branch.children[at];
        }
        int inRun = ((Run) node).liveIndexOf(name);
        return inRun >= 0 ? before + inRun : inRun - before;
    }

    /** The live fields from the {@code from}-th on, {@code count} of them (fewer past the end), in name order: one walk. */
    List<Field> liveFields(int from, int count) {
        List<Field> fields = new ArrayList<>(Math.max(0, Math.min(count, root.live() - from)));
        collectLive(root, new int[] {from, count}, fields);
        return fields;
    }

    /** Adds {@code node}'s live fields to {@code fields} after skipping {@code skipNeed[0]} of them, until {@code skipNeed[1]} are added. */
    private static void collectLive(Node node, int[] skipNeed, List<Field> fields) {
        if (node instanceof Branch branch) {
            for (int i = 0; i < branch.children.length && skipNeed[1] > 0; i++) {
                if (skipNeed[0] >= branch.lives[i]) {
                    skipNeed[0] -= branch.lives[i];
                } else {
                    collectLive(branch.children[i], skipNeed, fields);
                }
            }
            return;
        }
        Cursor cursor = new Cursor((Run) node);
        while (skipNeed[1] > 0 && cursor.next()) {
            if (!cursor.isLive()) {
                continue;
            }
            if (skipNeed[0] > 0) {
                skipNeed[0]--;
            } else {
                fields.add(cursor.field());
                skipNeed[1]--;
            }
        }
    }

    @Override
    Field randomPick(java.util.random.RandomGenerator random) {
        if (root.size() == 0) {
            return null;
        }
        Node node = root;
        int left = random.nextInt(root.size());
        while (node instanceof Branch branch) {
            int i = 0;
            while (left >= branch.sizes[i]) {
                left -= branch.sizes[i];
                i++;
            }
            node = branch.children[i];
        }
        return ((Run) node).fields().get(left);
    }

    @Override
    long slots() {
        return root.size();
    }

    @Override
    FieldMap emptyLike() {
        return EMPTY;
    }

    /** Runs in order, then branches up to the root: for tests of the layout. */
    int runCount() {
        return root instanceof Branch branch ? branch.runCount() : 1;
    }

    /** Bytes the runs hold: for tests of the layout. */
    long runBytes() {
        return root instanceof Branch branch ? branch.runBytes() : ((Run) root).bytes.length;
    }

    @Override
    public Iterator<Field> iterator() {
        Deque<Iterator<Node>> path = new ArrayDeque<>();
        path.push(List.of(root).iterator());
        return new Iterator<>() {
            private Iterator<Field> run = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!run.hasNext() && !path.isEmpty()) {
                    if (!path.peek().hasNext()) {
                        path.pop();
                        continue;
                    }
                    Node next = path.peek().next();
                    if (next instanceof Branch branch) {
                        path.push(Arrays.asList(branch.children).iterator());
                    } else {
                        run = ((Run) next).fields().iterator();
                    }
                }
                return run.hasNext();
            }

            @Override
            public Field next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return run.next();
            }
        };
    }

    private sealed interface Node permits Run, Branch {
        int size();

        int live();

        byte[] firstName();
    }

    /** Up to {@value #MAX_CHILDREN} children, with what finding a name or an index needs of each. */
    private static final class Branch implements Node {
        final Node[] children;
        final byte[][] firstNames;
        final int[] sizes;
        final int[] lives;
        private final int size;
        private final int live;

        private Branch(Node[] children, byte[][] firstNames, int[] sizes, int[] lives) {
            this.children = children;
            this.firstNames = firstNames;
            this.sizes = sizes;
            this.lives = lives;
            int fields = 0;
            int liveFields = 0;
            for (int i = 0; i < sizes.length; i++) {
                fields += sizes[i];
                liveFields += lives[i];
            }
            this.size = fields;
            this.live = liveFields;
        }

        static Branch of(Node[] children) {
            byte[][] names = new byte[children.length][];
            int[] sizes = new int[children.length];
            int[] lives = new int[children.length];
            for (int i = 0; i < children.length; i++) {
                names[i] = children[i].firstName();
                sizes[i] = children[i].size();
                lives[i] = children[i].live();
            }
            return new Branch(children, names, sizes, lives);
        }

        /** The child whose names {@code name} falls among: the last one starting at or before it (the first when before all). */
        int childFor(byte[] name) {
            int low = 1;
            int high = children.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (Arrays.compareUnsigned(firstNames[mid], name) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return low - 1;
        }

        /** This branch with child {@code at} replaced by {@code by} (one or two nodes): one branch, or two when it split. */
        Node[] replacing(int at, Node[] by) {
            Node[] next = new Node[children.length - 1 + by.length];
            System.arraycopy(children, 0, next, 0, at);
            System.arraycopy(by, 0, next, at, by.length);
            System.arraycopy(children, at + 1, next, at + by.length, children.length - at - 1);
            if (next.length <= MAX_CHILDREN) {
                return new Node[] {replaced(next, at, by.length)};
            }
            int half = next.length / 2;
            return new Node[] {Branch.of(Arrays.copyOfRange(next, 0, half)), Branch.of(Arrays.copyOfRange(next, half, next.length))};
        }

        /** A branch of {@code next}: this one's children with {@code count} new ones from {@code at}; only those are asked again. */
        private Branch replaced(Node[] next, int at, int count) {
            int grown = count - 1;
            byte[][] names = new byte[next.length][];
            int[] nextSizes = new int[next.length];
            int[] nextLives = new int[next.length];
            for (int i = 0; i < next.length; i++) {
                if (i >= at && i < at + count) {
                    names[i] = next[i].firstName();
                    nextSizes[i] = next[i].size();
                    nextLives[i] = next[i].live();
                } else {
                    int old = i < at ? i : i - grown;
                    names[i] = firstNames[old];
                    nextSizes[i] = sizes[old];
                    nextLives[i] = lives[old];
                }
            }
            return new Branch(next, names, nextSizes, nextLives);
        }

        int runCount() {
            int runs = 0;
            for (Node child : children) {
                runs += child instanceof Branch branch ? branch.runCount() : 1;
            }
            return runs;
        }

        long runBytes() {
            long bytes = 0;
            for (Node child : children) {
                bytes += child instanceof Branch branch ? branch.runBytes() : ((Run) child).bytes.length;
            }
            return bytes;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int live() {
            return live;
        }

        @Override
        public byte[] firstName() {
            return firstNames[0];
        }
    }

    /**
     * Up to {@value #MAX_ENTRIES} fields in name order, as one byte array of entries. Each entry
     * starts with a kind and flags:
     * <ul>
     *   <li>{@code PUSHED}: a live field whose name is one position digit (an HLC-derived value v
     *       and a node), as pushes name their elements: v as its difference from the previous
     *       digit entry's, the node only when it differs from that entry's; then the dot, left
     *       out when it is that entry's too (one command's elements share its dot), else as its
     *       HLC's difference from |v| and its node when it is not the name's; then the value.</li>
     *   <li>{@code POPPED}: the same field removed: name and dot as above, then the removal's dot
     *       (its HLC as a difference from the dot's).</li>
     *   <li>{@code WHOLE}: any other field, as its stored key; what only counted fields carry
     *       ({@link Field#storedValue}) sits in {@code extras} at the entry's index.</li>
     * </ul>
     */
    private static final class Run implements Node {
        static final Run EMPTY = new Run(new byte[0], 0, 0, null, -1, null);

        final byte[] bytes;
        final int count;
        final int live;
        /** Per entry, a whole field's stored value; null when no entry has one. */
        final Object[] extras;
        /**
         * Where the last entry starts, and the digit entry before it: so the last entry is read
         * without a scan. Pushes and pops at the tail touch it, and a name past it is not here.
         */
        private final int lastOffset;
        private final Context beforeLast;

        Run(byte[] bytes, int count, int live, Object[] extras, int lastOffset, Context beforeLast) {
            this.bytes = bytes;
            this.count = count;
            this.live = live;
            this.extras = extras;
            this.lastOffset = lastOffset;
            this.beforeLast = beforeLast;
        }

        /** A cursor just before entry {@code index}: from the start, or from the last entry's offset for the last two places. */
        private Cursor before(int index) {
            if (count > 0 && index >= count - 1) {
                Cursor cursor = new Cursor(this, lastOffset, count - 2, beforeLast.copy());
                if (index == count) {
                    cursor.next();
                }
                return cursor;
            }
            Cursor cursor = new Cursor(this);
            for (int i = 0; i < index; i++) {
                cursor.next();
            }
            return cursor;
        }

        /** A cursor on the last entry (there is one). */
        private Cursor last() {
            return before(count);
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public int live() {
            return live;
        }

        @Override
        public byte[] firstName() {
            if (count == 0) {
                return new byte[0];
            }
            Cursor cursor = new Cursor(this);
            cursor.next();
            return cursor.name();
        }

        List<Field> fields() {
            List<Field> fields = new ArrayList<>(count);
            Cursor cursor = new Cursor(this);
            while (cursor.next()) {
                fields.add(cursor.field());
            }
            return fields;
        }

        Field get(byte[] name) {
            if (count > 0) {
                Cursor last = last();
                int c = last.compareNameTo(name);
                if (c <= 0) {
                    return c == 0 ? last.field() : null;
                }
            }
            Cursor cursor = new Cursor(this);
            while (cursor.next()) {
                int c = cursor.compareNameTo(name);
                if (c >= 0) {
                    return c == 0 ? cursor.field() : null;
                }
            }
            return null;
        }

        byte[] liveNameAt(int index) {
            if (index == live - 1) {
                Cursor last = last();
                if (last.isLive()) {
                    return last.name();
                }
            }
            Cursor cursor = new Cursor(this);
            int left = index;
            while (cursor.next()) {
                if (cursor.isLive() && left-- == 0) {
                    return cursor.name();
                }
            }
            throw new IllegalStateException("a run's live count is wrong");
        }

        int liveIndexOf(byte[] name) {
            Cursor cursor = new Cursor(this);
            int before = 0;
            while (cursor.next()) {
                int c = cursor.compareNameTo(name);
                if (c == 0 && cursor.isLive()) {
                    return before;
                }
                if (c >= 0) {
                    break;
                }
                before += cursor.isLive() ? 1 : 0;
            }
            return -before - 1;
        }

        /** This run with {@code field} put in (replacing the field of its name): one run, or two when it grew too big. */
        Node[] put(Field field, byte[] name) {
            boolean replaces = false;
            int at = 0;
            int pastLast = count == 0 ? 1 : last().compareNameTo(name);
            if (pastLast <= 0) {
                // At the tail, where pushes land: no scan.
                replaces = pastLast == 0;
                at = replaces ? count - 1 : count;
            } else {
                Cursor cursor = new Cursor(this);
                while (cursor.next()) {
                    int c = cursor.compareNameTo(name);
                    if (c >= 0) {
                        replaces = c == 0;
                        break;
                    }
                    at++;
                }
            }
            Run next = splice(at, replaces ? at + 1 : at, field);
            if (next.count <= MAX_ENTRIES && (next.bytes.length <= MAX_BYTES || next.count == 1)) {
                return new Node[] {next};
            }
            List<Field> all = next.fields();
            int half = all.size() / 2;
            return new Node[] {encode(all.subList(0, half)), encode(all.subList(half, all.size()))};
        }

        private static Run encode(List<Field> fields) {
            Encoder encoder = new Encoder();
            fields.forEach(encoder::write);
            return encoder.toRun();
        }

        /**
         * This run with entries {@code from} to {@code to} (exclusive) replaced by {@code field}.
         * The entries after it are copied as they are, except those whose difference was taken
         * from a pushed entry that changed: they are written again until the two agree.
         */
        private Run splice(int from, int to, Field field) {
            Cursor old = before(from);
            int start = old.offset;
            Encoder out = new Encoder(old.previous);
            out.write(field);
            int removedLive = 0;
            for (int i = from; i < to; i++) {
                old.next();
                removedLive += old.isLive() ? 1 : 0;
            }
            int index = to;
            while (index < count && !old.previous.sameAs(out.previous)) {
                old.next();
                out.write(old.field());
                index++;
            }
            int rest = old.offset;
            byte[] written = out.bytes();
            byte[] next = new byte[start + written.length + bytes.length - rest];
            System.arraycopy(bytes, 0, next, 0, start);
            System.arraycopy(written, 0, next, start, written.length);
            System.arraycopy(bytes, rest, next, start + written.length, bytes.length - rest);
            int nextCount = count - (to - from) + 1;
            Object[] nextExtras = null;
            if (extras != null || out.extras != null) {
                nextExtras = new Object[nextCount];
                if (extras != null) {
                    System.arraycopy(extras, 0, nextExtras, 0, from);
                    System.arraycopy(extras, index, nextExtras, from + out.count, count - index);
                }
                if (out.extras != null) {
                    System.arraycopy(out.extras, 0, nextExtras, from, Math.min(out.count, out.extras.length));
                }
                if (Arrays.stream(nextExtras).allMatch(java.util.Objects::isNull)) {
                    nextExtras = null;
                }
            }
            int nextLive = live - removedLive + (field.isRemoved() ? 0 : 1);
            if (rest == bytes.length) {
                // The last entry is one just written.
                return new Run(next, nextCount, nextLive, nextExtras, start + out.lastEntryOffset, out.beforeLastEntry);
            }
            return new Run(next, nextCount, nextLive, nextExtras, lastOffset + next.length - bytes.length, beforeLast);
        }
    }

    private static final int PUSHED = 1;
    private static final int POPPED = 2;
    private static final int WHOLE = 3;
    private static final int KIND = 0x0F;
    /** Set in a digit entry's kind when its name's node differs from the previous digit entry's. */
    private static final int NEW_NODE = 0x10;
    /** Set when a digit entry's dot is the previous digit entry's (written once for a command's elements). */
    private static final int DOT_AS_BEFORE = 0x20;
    /** Set when a digit entry's dot has another node than its name (else the dot's node is the name's). */
    private static final int DOT_NODE = 0x40;

    /** Writes entries, each digit entry as differences from the one before. */
    private static final class Encoder {
        private byte[] out = new byte[256];
        private int size;
        int count;
        int live;
        final Context previous;
        Object[] extras;
        /** Where the last entry written starts, and the context before it. */
        int lastEntryOffset = -1;
        Context beforeLastEntry;

        Encoder() {
            this(new Context());
        }

        Encoder(Context previous) {
            this.previous = previous.copy();
        }

        int size() {
            return size;
        }

        void write(Field field) {
            lastEntryOffset = size;
            beforeLastEntry = previous.copy();
            byte[] name = field.name();
            boolean digit = name.length == PositionDigit.BYTES && field.shares().length == 0 && field.hlc > 0
                    && (!field.isRemoved() || field.removal().hlc() > 0);
            Object extra = null;
            if (digit && !field.isRemoved()) {
                byte[] value = field.value();
                putDigit(PUSHED, name, field);
                putVarint(value.length);
                putRaw(value, 0, value.length);
            } else if (digit) {
                putDigit(POPPED, name, field);
                putSignedVarint(field.removal().hlc() - field.hlc);
                putSignedVarint(field.removal().node());
            } else {
                byte[] key = field.storedKey();
                putByte(WHOLE);
                putVarint(key.length);
                putRaw(key, 0, key.length);
                extra = field.storedValue();
            }
            if (extra != null) {
                if (extras == null) {
                    extras = new Object[Math.max(8, count + 1)];
                }
                if (count >= extras.length) {
                    extras = Arrays.copyOf(extras, Math.max(extras.length * 2, count + 1));
                }
                extras[count] = extra;
            }
            count++;
            live += field.isRemoved() ? 0 : 1;
        }

        private void putDigit(int kind, byte[] name, Field field) {
            long v = PositionDigit.value(name);
            int node = PositionDigit.node(name);
            boolean newNode = node != previous.node;
            boolean dotAsBefore = field.hlc == previous.dotHlc && field.node == previous.dotNode;
            boolean dotNode = !dotAsBefore && field.node != node;
            putByte(kind | (newNode ? NEW_NODE : 0) | (dotAsBefore ? DOT_AS_BEFORE : 0) | (dotNode ? DOT_NODE : 0));
            putSignedVarint(v - previous.v);
            if (newNode) {
                putSignedVarint(node);
            }
            if (!dotAsBefore) {
                putSignedVarint(field.hlc - Math.abs(v));
                if (dotNode) {
                    putSignedVarint(field.node);
                }
            }
            previous.v = v;
            previous.node = node;
            previous.dotHlc = field.hlc;
            previous.dotNode = field.node;
        }

        private void room(int more) {
            if (size + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
            }
        }

        private void putByte(int b) {
            room(1);
            out[size++] = (byte) b;
        }

        private void putVarint(long value) {
            room(10);
            while ((value & ~0x7FL) != 0) {
                out[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out[size++] = (byte) value;
        }

        private void putSignedVarint(long value) {
            putVarint((value << 1) ^ (value >> 63));
        }

        private void putRaw(byte[] from, int start, int length) {
            room(length);
            System.arraycopy(from, start, out, size, length);
            size += length;
        }

        byte[] bytes() {
            return Arrays.copyOf(out, size);
        }

        Run toRun() {
            return new Run(bytes(), count, live, extras == null ? null : Arrays.copyOf(extras, count), lastEntryOffset,
                    beforeLastEntry);
        }
    }

    /** The previous digit entry's name and dot: what a digit entry is written as differences from. */
    private static final class Context {
        long v;
        int node;
        long dotHlc;
        int dotNode;

        Context copy() {
            Context copy = new Context();
            copy.v = v;
            copy.node = node;
            copy.dotHlc = dotHlc;
            copy.dotNode = dotNode;
            return copy;
        }

        boolean sameAs(Context other) {
            return v == other.v && node == other.node && dotHlc == other.dotHlc && dotNode == other.dotNode;
        }
    }

    /** Reads a run's entries in order, keeping the digit entry before each (what differences are taken from). */
    private static final class Cursor {
        private final Run run;
        int offset;
        int index;
        final Context previous;
        private int kind;
        private int valueStart;
        private int valueLength;
        private long removalHlc;
        private int removalNode;

        Cursor(Run run) {
            this(run, 0, -1, new Context());
        }

        /** A cursor at {@code offset}, just after entry {@code index}, with the digit entry before it as {@code previous}. */
        Cursor(Run run, int offset, int index, Context previous) {
            this.run = run;
            this.offset = offset;
            this.index = index;
            this.previous = previous;
        }

        /** Moves to the next entry; false at the end. */
        boolean next() {
            if (index + 1 >= run.count) {
                return false;
            }
            index++;
            int header = run.bytes[offset++] & 0xFF;
            kind = header & KIND;
            if (kind == WHOLE) {
                valueLength = (int) varint();
                valueStart = offset;
                offset += valueLength;
                return true;
            }
            previous.v += signedVarint();
            if ((header & NEW_NODE) != 0) {
                previous.node = (int) signedVarint();
            }
            if ((header & DOT_AS_BEFORE) == 0) {
                previous.dotHlc = Math.abs(previous.v) + signedVarint();
                previous.dotNode = (header & DOT_NODE) != 0 ? (int) signedVarint() : previous.node;
            }
            if (kind == PUSHED) {
                valueLength = (int) varint();
                valueStart = offset;
                offset += valueLength;
            } else {
                removalHlc = previous.dotHlc + signedVarint();
                removalNode = (int) signedVarint();
            }
            return true;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                int b = run.bytes[offset++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        private long signedVarint() {
            long raw = varint();
            return (raw >>> 1) ^ -(raw & 1);
        }

        boolean isLive() {
            return kind == PUSHED || kind == WHOLE && !field().isRemoved();
        }

        byte[] name() {
            if (kind != WHOLE) {
                return PositionDigit.of(previous.v, previous.node);
            }
            return field().name();
        }

        /** This entry's name against {@code name}, in name order (bytes unsigned). */
        int compareNameTo(byte[] name) {
            if (kind != WHOLE && name.length == PositionDigit.BYTES) {
                int c = Long.compare(previous.v, PositionDigit.value(name));
                return c != 0 ? c : Integer.compareUnsigned(previous.node, PositionDigit.node(name));
            }
            return Arrays.compareUnsigned(name(), name);
        }

        Field field() {
            byte[] name = kind == WHOLE ? null : PositionDigit.of(previous.v, previous.node);
            Dot dot = new Dot(previous.dotHlc, previous.dotNode);
            return switch (kind) {
                case PUSHED -> Field.set(name, dot, Arrays.copyOfRange(run.bytes, valueStart, valueStart + valueLength));
                case POPPED -> Field.removed(name, dot, new Dot(removalHlc, removalNode));
                default -> Field.view(Arrays.copyOfRange(run.bytes, valueStart, valueStart + valueLength),
                        run.extras == null ? null : run.extras[index]);
            };
        }
    }
}
