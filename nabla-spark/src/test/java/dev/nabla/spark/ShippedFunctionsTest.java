package dev.nabla.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

/**
 * Spark ships task functions by Java serialisation; Nabla's rule is that none of its objects is ever serialised
 * that way. So every class of this package that Spark may serialise holds only plain data: numbers, strings, byte
 * arrays, broadcast handles to bytes and Spark ML's own params. (Spark ML's stages are Serializable by inheritance:
 * their Nabla state is transient and travels as model-file bytes.)
 */
class ShippedFunctionsTest {
    private static final Set<Class<?>> PLAIN = Set.of(long.class, int.class, double.class, float.class,
            boolean.class, long[].class, int[].class, double[].class, float[].class, byte[].class, String.class,
            String[].class);

    @Test
    void serialisableClassesHoldOnlyPlainData() throws Exception {
        List<Class<?>> shipped = classes().stream().filter(Serializable.class::isAssignableFrom).toList();
        assertThat(shipped).isNotEmpty();
        for (Class<?> c : shipped) {
            for (Class<?> k = c; k != null && k.getName().startsWith("dev.nabla"); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                        continue;
                    }
                    assertThat(plain(f.getGenericType()))
                            .as(c.getName() + "." + f.getName() + " (" + f.getGenericType() + ")").isTrue();
                }
            }
        }
    }

    private static boolean plain(Type t) {
        if (t instanceof Class<?> c) {
            return PLAIN.contains(c) || org.apache.spark.ml.param.Param.class.isAssignableFrom(c);
        }
        if (t instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == org.apache.spark.ml.param.Param.class) {
                return true;
            }
            if (raw == Broadcast.class) {
                return args[0] == byte[].class;
            }
            if (raw == List.class || raw == Broadcast.class) {
                return plain(args[0]);
            }
        }
        return false;
    }

    private static List<Class<?>> classes() throws URISyntaxException, java.io.IOException {
        Path root = Path.of(DataParallel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class")).map(f -> root.relativize(f).toString()
                    .replace('/', '.').replaceAll("\\.class$", "")).map(ShippedFunctionsTest::load).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ShippedFunctionsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
