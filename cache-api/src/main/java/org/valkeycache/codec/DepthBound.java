package org.valkeycache.codec;

import java.io.Externalizable;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upper bound, computed while a value is written, of the depth {@code ObjectInputStream} will
 * reach reading it back (the depth {@code serializer.maxdepth} limits), so that the writer need
 * not read every value back to honour that limit.
 *
 * <p>{@code ObjectOutputStream} hands every new object to {@code replaceObject} in pre-order but
 * says nothing about where an object's children end, so the bound works by heights: an object
 * whose subtree height is known from its class (a leaf such as a {@code String}, a record of
 * such fields) or from its elements (a JDK list, set or map of such objects or of such
 * containers, at any depth) contributes that height; any other
 * object may sit on the deepest path and counts one level. A path of the read then has at most
 * {@link #unbounded} levels above one subtree of at most {@link #tallest} levels. Heights
 * include the levels the reader spends on class descriptors: one per serializable superclass of
 * an object's class, and those of {@code Class} objects, which are written as descriptors. The
 * bound is loose for graphs of many objects of unknown height (say a list of 100 objects with an
 * {@code Object} field); the writer then reads the value back instead.
 */
final class DepthBound {

    private static final int UNKNOWN = -1;
    /** JDK value types whose reading nests at most this many levels (BigDecimal: 3). */
    private static final int JDK_VALUE_HEIGHT = 4;
    private static final Set<Class<?>> LEAVES = Set.of(String.class, Boolean.class, Character.class,
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class);
    private static final Set<String> JDK_VALUES = Set.of("java.math.BigInteger", "java.math.BigDecimal",
            "java.util.UUID", "java.util.Date", "java.util.Locale", "java.util.Currency");
    /** JDK containers whose serialized children are exactly their elements (or keys and values). */
    private static final Set<Class<?>> CONTAINERS = Set.of(ArrayList.class, LinkedList.class, ArrayDeque.class,
            HashMap.class, LinkedHashMap.class, HashSet.class, LinkedHashSet.class, TreeMap.class, TreeSet.class,
            CopyOnWriteArrayList.class);

    /**
     * Levels an object of a class occupies by itself: the reader reads the descriptors of its
     * serializable superclasses one level deeper each.
     */
    private static final ClassValue<Integer> SELF_HEIGHT = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            int height = 1;
            for (Class<?> k = type.getSuperclass(); k != null && Serializable.class.isAssignableFrom(k);
                    k = k.getSuperclass()) {
                height++;
            }
            return height;
        }
    };

    private static final ClassValue<Integer> CLASS_HEIGHT = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return classHeight(type, new HashSet<>());
        }
    };

    private long unbounded;
    private int tallest = 1;
    /** Containers counted as unknown without a look at their elements (done only if needed). */
    private List<Object> containers;

    /**
     * Accounts for one object as {@code ObjectOutputStream} writes it.
     *
     * @param obj the object (after {@code writeReplace})
     */
    void add(Object obj) {
        Class<?> type = obj.getClass();
        int height = CLASS_HEIGHT.get(type);
        if (height == UNKNOWN) {
            unbounded++;
            if (type == Object[].class || CONTAINERS.contains(type)) {
                if (containers == null) {
                    containers = new ArrayList<>();
                }
                containers.add(obj);
            }
            height = SELF_HEIGHT.get(type);
        }
        tallest = Math.max(tallest, height);
    }

    /**
     * Accounts for a class descriptor as it is written: a {@code Class} object (which reaches
     * {@code replaceObject} never) sits one level below its holder and its descriptor chain below
     * that.
     *
     * @param type the class whose descriptor is written
     */
    void addDescriptor(Class<?> type) {
        tallest = Math.max(tallest, 1 + SELF_HEIGHT.get(type));
    }

    /**
     * The bound for the objects added so far. Containers' elements are looked at only when the
     * quick bound (every container one unknown level) is over {@code limit}, so values of few
     * containers pay nothing for it.
     *
     * @param limit the depth the caller needs the value to stay within
     * @return no read of the objects added so far nests deeper than this
     */
    long bound(long limit) {
        if (unbounded + tallest > limit && containers != null) {
            // Children come after their parents in pre-order: walking backwards, each container's
            // elements are already judged, so every container is looked at once.
            Map<Object, Integer> judged = new IdentityHashMap<>(containers.size() * 2);
            for (int i = containers.size() - 1; i >= 0; i--) {
                Object container = containers.get(i);
                int height = containerHeight(container, judged);
                judged.put(container, height);
                if (height != UNKNOWN) {
                    unbounded--;
                    tallest = Math.max(tallest, height);
                }
            }
            containers = null;
        }
        return unbounded + tallest;
    }

    private static int containerHeight(Object container, Map<Object, Integer> judged) {
        Class<?> type = container.getClass();
        if ((container instanceof SortedMap<?, ?> m && m.comparator() != null)
                || (container instanceof SortedSet<?> s && s.comparator() != null)) {
            return UNKNOWN; // the comparator is written too
        }
        int elements;
        if (container instanceof Object[] array) {
            elements = tallestOf(Arrays.asList(array), judged);
        } else if (container instanceof Map<?, ?> map) {
            int keys = tallestOf(map.keySet(), judged);
            elements = keys == UNKNOWN ? UNKNOWN : Math.max(keys, tallestOf(map.values(), judged));
        } else {
            elements = tallestOf((Collection<?>) container, judged);
        }
        return elements == UNKNOWN ? UNKNOWN : Math.max(SELF_HEIGHT.get(type), 1 + elements);
    }

    /** The tallest height of the elements (1 for null), or UNKNOWN. */
    private static int tallestOf(Collection<?> elements, Map<Object, Integer> judged) {
        int tallest = 1;
        for (Object e : elements) {
            if (e != null) {
                int h = CLASS_HEIGHT.get(e.getClass());
                if (h == UNKNOWN) {
                    h = judged.getOrDefault(e, UNKNOWN); // a container judged before, or unknown
                }
                if (h == UNKNOWN) {
                    return UNKNOWN;
                }
                tallest = Math.max(tallest, h);
            }
        }
        return tallest;
    }

    /** Height of any instance of {@code type} judged from the class alone, or UNKNOWN. */
    private static int classHeight(Class<?> type, Set<Class<?>> visiting) {
        if (LEAVES.contains(type) || type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
            return SELF_HEIGHT.get(type);
        }
        if (type == Class.class || type == ObjectStreamClass.class) {
            return UNKNOWN; // written as descriptors, whose depth depends on the class named
        }
        if (JDK_VALUES.contains(type.getName()) || type.getName().startsWith("java.time.")) {
            return JDK_VALUE_HEIGHT;
        }
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            if (component.isPrimitive()) {
                return 1;
            }
            int h = Modifier.isFinal(component.getModifiers()) ? classHeight(component, visiting) : UNKNOWN;
            return h == UNKNOWN ? UNKNOWN : 1 + h;
        }
        if (!Serializable.class.isAssignableFrom(type) || Externalizable.class.isAssignableFrom(type)
                || !visiting.add(type)) {
            return UNKNOWN; // not ours to judge, or a cycle of types
        }
        int height = SELF_HEIGHT.get(type);
        for (Class<?> k = type; k != null; k = k.getSuperclass()) {
            if (declaresCustomWriting(k)) {
                return UNKNOWN;
            }
            if (!Serializable.class.isAssignableFrom(k)) {
                continue;
            }
            for (ObjectStreamField field : ObjectStreamClass.lookup(k).getFields()) {
                if (field.isPrimitive()) {
                    continue;
                }
                Class<?> fieldType = field.getType();
                if (!fieldType.isArray() && !Modifier.isFinal(fieldType.getModifiers())) {
                    return UNKNOWN; // any subclass may be stored there
                }
                int h = classHeight(fieldType, visiting);
                if (h == UNKNOWN) {
                    return UNKNOWN;
                }
                height = Math.max(height, 1 + h);
            }
        }
        visiting.remove(type);
        return height;
    }

    private static boolean declaresCustomWriting(Class<?> k) {
        for (Method m : k.getDeclaredMethods()) {
            String name = m.getName();
            if (name.equals("writeObject") || name.equals("writeReplace")) {
                return true;
            }
        }
        return false;
    }
}
