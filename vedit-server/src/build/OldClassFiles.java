import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Rewrites the Java 5 class files of a jar (picocli ships them) as Java 6 ones: the same code, with the stack-map
 * frames Java 6 added computed for each method. The JVM's class-data sharing and ahead-of-time cache keep no class
 * older than Java 6 (they predate the split verifier the archives rely on), so each start of the service parsed and
 * verified picocli's classes again with the old verifier, a sixth of its start. Run at package time on the copy in
 * {@code target/lib}, as {@code java OldClassFiles.java JAR...} (JDK 24 or newer: the class-file API); a jar without
 * such classes is left as it is.
 */
public final class OldClassFiles {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        for (String jar : args) {
            int rewritten = rewrite(Path.of(jar));
            System.out.println(jar + ": " + rewritten + " class files rewritten for Java 6");
        }
    }

    static int rewrite(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            manifest = in.getManifest();
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        // Frames name the common supertypes of values: those of the jar's own classes are read from the jar itself.
        ClassHierarchyResolver own = ClassHierarchyResolver.ofResourceParsing(desc -> {
            String d = desc.descriptorString();
            byte[] bytes = entries.get(d.substring(1, d.length() - 1) + ".class");
            return bytes == null ? null : (InputStream) new ByteArrayInputStream(bytes);
        });
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(own.orElse(ClassHierarchyResolver.defaultResolver())),
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
        // Every method's code is emitted again (that computes its frames); the version is the only other change.
        ClassTransform toJava6 = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen((builder, element) -> {
                    if (element instanceof ClassFileVersion) {
                        builder.withVersion(JAVA_6, 0);
                    } else {
                        builder.with(element);
                    }
                });
        int rewritten = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().endsWith(".class") && !e.getKey().endsWith("module-info.class")) {
                ClassModel model = classFile.parse(e.getValue());
                if (model.majorVersion() < JAVA_6) {
                    e.setValue(classFile.transformClass(model, toJava6));
                    rewritten++;
                }
            }
        }
        if (rewritten == 0) {
            return 0;
        }
        // Beside the jar, then moved over it: a build stopped half-way leaves the jar as it was.
        Path written = jar.resolveSibling(jar.getFileName() + ".java6");
        try (JarOutputStream out = manifest != null ? new JarOutputStream(Files.newOutputStream(written), manifest)
                : new JarOutputStream(Files.newOutputStream(written))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getKey().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    continue; // written first by the stream's constructor
                }
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        Files.move(written, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return rewritten;
    }
}
