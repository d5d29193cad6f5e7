package dev.pm.cli.command;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text for people's terminals, with its control characters made visible ({@code \x1b}):
 * text from the plan (agents, notes, descriptions, also those stored before pm refused
 * such characters, or imported) must not reach a terminal as escape sequences, which set
 * its title, clear its screen or plant links, nor forge lines with a carriage return.
 * JSON escapes them itself.
 */
final class TerminalText {

	private TerminalText() {
	}

	/**
	 * Returns a table cell's text, on one line: line breaks and tabs are made visible
	 * too.
	 * @param text the text
	 * @return the text without control characters
	 */
	static String cell(String text) {
		StringBuilder cell = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				cell = (cell != null) ? cell : new StringBuilder(text.substring(0, i));
				appendVisible(cell, c);
			}
			else if (cell != null) {
				cell.append(c);
			}
		}
		return (cell != null) ? cell.toString() : text;
	}

	private static boolean isVisibleInOutput(char c) {
		return !Character.isISOControl(c) || c == '\n' || c == '\t';
	}

	private static void appendVisible(StringBuilder to, char c) {
		to.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
	}

	/**
	 * A writer that makes every control character but line breaks and tabs visible.
	 */
	static final class VisibleControls extends FilterWriter {

		VisibleControls(Writer out) {
			super(out);
		}

		@Override
		public void write(int c) throws IOException {
			if (isVisibleInOutput((char) c)) {
				this.out.write(c);
			}
			else {
				StringBuilder visible = new StringBuilder(4);
				appendVisible(visible, (char) c);
				this.out.write(visible.toString());
			}
		}

		@Override
		public void write(char[] chars, int offset, int length) throws IOException {
			int start = offset;
			for (int i = offset; i < offset + length; i++) {
				if (!isVisibleInOutput(chars[i])) {
					this.out.write(chars, start, i - start);
					write(chars[i]);
					start = i + 1;
				}
			}
			this.out.write(chars, start, offset + length - start);
		}

		@Override
		public void write(String text, int offset, int length) throws IOException {
			write(text.toCharArray(), offset, length);
		}

	}

}
