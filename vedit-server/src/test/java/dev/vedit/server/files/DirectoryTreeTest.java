package dev.vedit.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreeTest {
    @TempDir
    Path dir;

    @Test
    void aNestedTreeIsDeletedWithEverythingBelowIt() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("a/b/c"));
        Files.writeString(tree.resolve("top.txt"), "x");
        Files.writeString(tree.resolve("a/b/c/deep.txt"), "y");
        Files.createDirectories(tree.resolve("empty"));

        DirectoryTree.delete(tree);

        assertThat(tree).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aDirectoryThatDoesNotExistIsNothingToDo() throws Exception {
        DirectoryTree.delete(dir.resolve("missing"));

        assertThat(dir).isEmptyDirectory();
    }
}
