package dev.pm.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code @FILE} arguments, expanded where pm starts, against its working directory.
 */
class ArgumentFilesTests {

	@TempDir
	Path directory;

	@Test
	void anArgumentFileHoldsWordsQuotedPhrasesAndCommentLines() throws Exception {
		Files.writeString(this.directory.resolve("args"),
				"# which database\n--db other.db\n  # indented comment\ntask add T-E01-F01-001 \"A 'quoted' title\" "
						+ "'say \"hi\"' ''\n");

		List<String> expanded = ArgumentFiles.expand(List.of("@args", "--json"), this.directory);

		assertThat(expanded).containsExactly("--db", "other.db", "task", "add", "T-E01-F01-001", "A 'quoted' title",
				"say \"hi\"", "", "--json");
	}

	@Test
	void anAtWordThatNamesNoFileAndEverythingAfterTheEndOfOptionsStayAsTheyAre() throws Exception {
		Files.writeString(this.directory.resolve("args"), "never read\n");

		List<String> expanded = ArgumentFiles.expand(List.of("task", "add", "@alice", "@", "--", "@args"),
				this.directory);

		assertThat(expanded).containsExactly("task", "add", "@alice", "@", "--", "@args");
	}

	@Test
	void anArgumentFileThatCannotBeReadIsNamed() throws Exception {
		Files.createDirectory(this.directory.resolve("folder"));

		assertThatIllegalArgumentException().isThrownBy(() -> ArgumentFiles.expand(List.of("@folder"), this.directory))
			.withMessageStartingWith(
					"cannot read the argument file @folder (" + this.directory.resolve("folder") + ")");
	}

	@Test
	void anUnclosedQuoteIsRefusedWithItsLine() throws Exception {
		Files.writeString(this.directory.resolve("args"), "epic list\nepic add E01 \"Open\n");

		assertThatIllegalArgumentException().isThrownBy(() -> ArgumentFiles.expand(List.of("@args"), this.directory))
			.withMessage("the argument file @args line 2 has a \" that is not closed");
	}

}
