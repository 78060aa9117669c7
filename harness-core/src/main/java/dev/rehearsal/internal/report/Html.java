package dev.rehearsal.internal.report;

import static java.util.Objects.requireNonNull;

/** What the harness's pages share. */
public final class Html {

    private Html() {
    }

    /** Text as HTML shows it, in an element or a quoted attribute. */
    public static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : requireNonNull(text).toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
