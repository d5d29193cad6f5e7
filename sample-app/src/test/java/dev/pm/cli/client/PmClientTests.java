package dev.pm.cli.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How the client starts fast.
 */
class PmClientTests {

	private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

	@Test
	void onLinuxTheClientNamesTheJdksOwnSelectorProvider() {
		assumeTrue("Linux".equals(System.getProperty("os.name")));
		String before = System.clearProperty(SELECTOR_PROVIDER);
		try {
			PmClient.nameTheSelectorProvider();

			assertThat(System.getProperty(SELECTOR_PROVIDER)).isEqualTo("sun.nio.ch.EPollSelectorProvider");
		}
		finally {
			restore(before);
		}
	}

	@Test
	void aSelectorProviderChosenByTheUserIsKept() {
		String before = System.setProperty(SELECTOR_PROVIDER, "com.example.Provider");
		try {
			PmClient.nameTheSelectorProvider();

			assertThat(System.getProperty(SELECTOR_PROVIDER)).isEqualTo("com.example.Provider");
		}
		finally {
			restore(before);
		}
	}

	private static void restore(String selectorProvider) {
		if (selectorProvider != null) {
			System.setProperty(SELECTOR_PROVIDER, selectorProvider);
		}
		else {
			System.clearProperty(SELECTOR_PROVIDER);
		}
	}

}
