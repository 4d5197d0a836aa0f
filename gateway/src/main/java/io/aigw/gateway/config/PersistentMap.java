package io.aigw.gateway.config;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable hash map whose updates share all untouched structure with the map they came from
 * (a hash array mapped trie: 32-way nodes indexed by 5-bit slices of the key's hash, each node
 * holding only its occupied slots). {@link #with} and {@link #without} copy one path of at most
 * seven small nodes, so a config delta of k entries costs O(k) whatever the map's size, and the
 * map before and after stay valid side by side (a request in flight keeps the version it started
 * with). {@link #get} walks at most seven levels: constant time for 32-bit hashes.
 *
 * <p>Keys and values must not be null. Iteration order is the hash order, not insertion order.
 */
public final class PersistentMap<K, V> {

    private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(BitmapNode.EMPTY, 0);

    private final Node root;
    private final int size;

    private PersistentMap(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> PersistentMap<K, V> empty() {
        return (PersistentMap<K, V>) EMPTY;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The value mapped to {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        return (V) root.find(0, hash(key), key);
    }

    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** This map with {@code key} mapped to {@code value}; this very map when it already was. */
    public PersistentMap<K, V> with(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        boolean[] added = new boolean[1];
        Node next = root.put(0, hash(key), key, value, added);
        return next == root ? this : new PersistentMap<>(next, added[0] ? size + 1 : size);
    }

    /** This map without {@code key}; this very map when it had none. */
    public PersistentMap<K, V> without(Object key) {
        boolean[] removed = new boolean[1];
        Node next = root.remove(0, hash(key), key, removed);
        if (next == root) {
            return this;
        }
        return next == null ? empty() : new PersistentMap<>(next, size - 1);
    }

    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super V> action) {
        root.forEach((BiConsumer<Object, Object>) action);
    }

    // Spread the high bits down: the trie branches on the low bits first, and many hashCodes
    // (Long's of small ids among them) differ mostly in those anyway.
    static int hash(Object key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }

    private static int bit(int hash, int shift) {
        return 1 << ((hash >>> shift) & 31);
    }

    private sealed interface Node permits BitmapNode, CollisionNode {

        /** The value for {@code key}, or null. */
        Object find(int shift, int hash, Object key);

        /** This node with the mapping put; {@code this} when nothing changed. */
        Node put(int shift, int hash, Object key, Object value, boolean[] added);

        /** This node without {@code key}; {@code this} when absent; null when nothing is left. */
        Node remove(int shift, int hash, Object key, boolean[] removed);

        void forEach(BiConsumer<Object, Object> action);
    }

    /**
     * A trie node: a bitmap of the occupied slots among the 32, and for each (in bit order) a pair
     * in {@code slots}: (key, value) for an entry, (null, child node) for a subtree.
     */
    private static final class BitmapNode implements Node {

        static final BitmapNode EMPTY = new BitmapNode(0, new Object[0]);

        final int bitmap;
        final Object[] slots;

        BitmapNode(int bitmap, Object[] slots) {
            this.bitmap = bitmap;
            this.slots = slots;
        }

        private int index(int bit) {
            return 2 * Integer.bitCount(bitmap & (bit - 1));
        }

        @Override
        public Object find(int shift, int hash, Object key) {
            int bit = bit(hash, shift);
            if ((bitmap & bit) == 0) {
                return null;
            }
            int i = index(bit);
            Object k = slots[i];
            if (k == null) {
                return ((Node) slots[i + 1]).find(shift + 5, hash, key);
            }
            return key.equals(k) ? slots[i + 1] : null;
        }

        @Override
        public Node put(int shift, int hash, Object key, Object value, boolean[] added) {
            int bit = bit(hash, shift);
            int i = index(bit);
            if ((bitmap & bit) == 0) {
                Object[] next = new Object[slots.length + 2];
                System.arraycopy(slots, 0, next, 0, i);
                next[i] = key;
                next[i + 1] = value;
                System.arraycopy(slots, i, next, i + 2, slots.length - i);
                added[0] = true;
                return new BitmapNode(bitmap | bit, next);
            }
            Object k = slots[i];
            Object v = slots[i + 1];
            if (k == null) {
                Node child = (Node) v;
                Node next = child.put(shift + 5, hash, key, value, added);
                return next == child ? this : replaced(i + 1, next);
            }
            if (key.equals(k)) {
                return v == value ? this : replaced(i + 1, value);
            }
            // two keys share this slot: push both one level down
            added[0] = true;
            Object[] next = slots.clone();
            next[i] = null;
            next[i + 1] = pair(shift + 5, k, v, hash, key, value);
            return new BitmapNode(bitmap, next);
        }

        @Override
        public Node remove(int shift, int hash, Object key, boolean[] removed) {
            int bit = bit(hash, shift);
            if ((bitmap & bit) == 0) {
                return this;
            }
            int i = index(bit);
            Object k = slots[i];
            if (k == null) {
                Node child = (Node) slots[i + 1];
                Node next = child.remove(shift + 5, hash, key, removed);
                if (next == child) {
                    return this;
                }
                if (next == null) {
                    return dropped(bit, i);
                }
                if (next instanceof BitmapNode b && b.isSingleEntry()) {
                    // a lone entry moves back up, so the trie stays as shallow as its keys need
                    Object[] lifted = slots.clone();
                    lifted[i] = b.slots[0];
                    lifted[i + 1] = b.slots[1];
                    return new BitmapNode(bitmap, lifted);
                }
                return replaced(i + 1, next);
            }
            if (!key.equals(k)) {
                return this;
            }
            removed[0] = true;
            return dropped(bit, i);
        }

        @Override
        public void forEach(BiConsumer<Object, Object> action) {
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] == null) {
                    ((Node) slots[i + 1]).forEach(action);
                } else {
                    action.accept(slots[i], slots[i + 1]);
                }
            }
        }

        boolean isSingleEntry() {
            return slots.length == 2 && slots[0] != null;
        }

        private BitmapNode replaced(int i, Object value) {
            Object[] next = slots.clone();
            next[i] = value;
            return new BitmapNode(bitmap, next);
        }

        private BitmapNode dropped(int bit, int i) {
            if (bitmap == bit) {
                return null;
            }
            Object[] next = new Object[slots.length - 2];
            System.arraycopy(slots, 0, next, 0, i);
            System.arraycopy(slots, i + 2, next, i, slots.length - i - 2);
            return new BitmapNode(bitmap ^ bit, next);
        }
    }

    /** Keys whose whole 32-bit hashes are equal: a flat list of pairs, searched by equals. */
    private static final class CollisionNode implements Node {

        final int hash;
        final Object[] slots;

        CollisionNode(int hash, Object[] slots) {
            this.hash = hash;
            this.slots = slots;
        }

        private int indexOf(Object key) {
            for (int i = 0; i < slots.length; i += 2) {
                if (key.equals(slots[i])) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Object find(int shift, int hash, Object key) {
            if (hash != this.hash) {
                return null;
            }
            int i = indexOf(key);
            return i < 0 ? null : slots[i + 1];
        }

        @Override
        public Node put(int shift, int hash, Object key, Object value, boolean[] added) {
            if (hash != this.hash) {
                // a key with another hash reached this level: this node becomes one child of a trie node
                return new BitmapNode(bit(this.hash, shift), new Object[]{null, this})
                        .put(shift, hash, key, value, added);
            }
            int i = indexOf(key);
            if (i >= 0) {
                if (slots[i + 1] == value) {
                    return this;
                }
                Object[] next = slots.clone();
                next[i + 1] = value;
                return new CollisionNode(hash, next);
            }
            Object[] next = new Object[slots.length + 2];
            System.arraycopy(slots, 0, next, 0, slots.length);
            next[slots.length] = key;
            next[slots.length + 1] = value;
            added[0] = true;
            return new CollisionNode(hash, next);
        }

        @Override
        public Node remove(int shift, int hash, Object key, boolean[] removed) {
            if (hash != this.hash) {
                return this;
            }
            int i = indexOf(key);
            if (i < 0) {
                return this;
            }
            removed[0] = true;
            if (slots.length == 4) {
                int other = i == 0 ? 2 : 0;
                return BitmapNode.EMPTY.put(shift, hash, slots[other], slots[other + 1], new boolean[1]);
            }
            Object[] next = new Object[slots.length - 2];
            System.arraycopy(slots, 0, next, 0, i);
            System.arraycopy(slots, i + 2, next, i, slots.length - i - 2);
            return new CollisionNode(hash, next);
        }

        @Override
        public void forEach(BiConsumer<Object, Object> action) {
            for (int i = 0; i < slots.length; i += 2) {
                action.accept(slots[i], slots[i + 1]);
            }
        }
    }

    /**
     * A node at {@code shift} holding two entries whose hashes agreed on every level above it. A
     * trie node never sits below shift 30 (the last, 2-bit slice): hashes equal that far are
     * equal, and go to a collision node.
     */
    private static Node pair(int shift, Object k1, Object v1, int h2, Object k2, Object v2) {
        int h1 = hash(k1);
        if (h1 == h2) {
            return new CollisionNode(h1, new Object[]{k1, v1, k2, v2});
        }
        boolean[] ignored = new boolean[1];
        return BitmapNode.EMPTY.put(shift, h1, k1, v1, ignored).put(shift, h2, k2, v2, ignored);
    }
}
