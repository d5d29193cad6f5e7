package dev.pm.db.test.autoconfigure;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FreshDatabaseContextCustomizerTests {

	@TempDir
	Path root;

	@Test
	void testsWithoutADatabaseSliceKeepTheirDatabase() {
		assertThat(new FreshDatabaseContextCustomizerFactory().createContextCustomizer(String.class, List.of()))
			.isNull();
	}

	@Test
	void eachTestClassGetsAContextOfItsOwn() {
		FreshDatabaseContextCustomizer one = new FreshDatabaseContextCustomizer(PmDbTestTests.class, false);
		assertThat(one).isEqualTo(new FreshDatabaseContextCustomizer(PmDbTestTests.class, false))
			.hasSameHashCodeAs(new FreshDatabaseContextCustomizer(PmDbTestTests.class, false))
			.isNotEqualTo(new FreshDatabaseContextCustomizer(JdbcTestTests.class, false))
			.isNotEqualTo(new FreshDatabaseContextCustomizer(PmDbTestTests.class, true))
			.isNotEqualTo("another customizer");
	}

	@Test
	void deletesTheDatabaseWhenTheContextCloses() throws Exception {
		GenericApplicationContext context = new GenericApplicationContext();
		new FreshDatabaseContextCustomizer(PmDbTestTests.class, false, this.root).customizeContext(context, null);
		context.refresh();
		Path database = Path.of(context.getEnvironment().getRequiredProperty("pm.db.path"));
		Files.writeString(database, "data");
		assertThat(database.getParent().getParent()).isEqualTo(this.root);
		context.close();
		assertThat(database.getParent()).doesNotExist();
	}

	@Test
	void deletesTheDatabaseOnlyAfterEveryBeanIsDestroyed() {
		GenericApplicationContext context = new GenericApplicationContext();
		new FreshDatabaseContextCustomizer(PmDbTestTests.class, false, this.root).customizeContext(context, null);
		Path database = Path.of(context.getEnvironment().getRequiredProperty("pm.db.path"));
		List<Boolean> directoryAtDestruction = new ArrayList<>();
		// As the data source does: it checkpoints and records its clean close as it is
		// destroyed.
		context.registerBean("dataSource", DisposableBean.class,
				() -> () -> directoryAtDestruction.add(Files.isDirectory(database.getParent())));
		context.refresh();
		context.close();
		assertThat(directoryAtDestruction).containsExactly(true);
		assertThat(database.getParent()).doesNotExist();
	}

	@Test
	void saysWhereItCouldNotCreateTheDatabase() throws Exception {
		Path notADirectory = Files.createFile(this.root.resolve("file"));
		GenericApplicationContext context = new GenericApplicationContext();
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> new FreshDatabaseContextCustomizer(PmDbTestTests.class, false, notADirectory)
				.customizeContext(context, null))
			.withMessageContaining(notADirectory.toString());
	}

}
