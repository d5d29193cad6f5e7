package dev.pm.cli.launch;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.DefaultMessageSourceResolvable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * pm's message source answers as Spring's would without any message bundle.
 */
class DefaultMessagesTests {

	private final DefaultMessages messages = new DefaultMessages();

	@Test
	void aMessageIsItsDefaultFormattedWithItsArguments() {
		assertThat(this.messages.getMessage("code", new Object[] { "T-1", 3 }, "{0} waits for {1} tasks", Locale.ROOT))
			.isEqualTo("T-1 waits for 3 tasks");
		assertThat(this.messages.getMessage("code", null, "as it is {0}", null)).isEqualTo("as it is {0}");
		assertThat(this.messages.getMessage("code", new Object[] { "x" }, null, Locale.ROOT)).isNull();
		assertThat(this.messages.getMessage(new DefaultMessageSourceResolvable(new String[] { "a" }, "default"), null))
			.isEqualTo("default");
	}

	@Test
	void aMessageWithoutADefaultDoesNotExist() {
		assertThatExceptionOfType(NoSuchMessageException.class)
			.isThrownBy(() -> this.messages.getMessage("task.missing", null, Locale.ROOT))
			.withMessageContaining("task.missing");
		assertThatExceptionOfType(NoSuchMessageException.class)
			.isThrownBy(() -> this.messages
				.getMessage(new DefaultMessageSourceResolvable(new String[] { "first", "last" }, null, null), null))
			.withMessageContaining("last");
		assertThatExceptionOfType(NoSuchMessageException.class).isThrownBy(() -> this.messages
			.getMessage(new DefaultMessageSourceResolvable(new String[0], null, null), Locale.ROOT));
	}

}
