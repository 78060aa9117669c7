package dev.rehearsal.assertions;

import dev.rehearsal.StepOutcome;

/**
 * Every assertion failure message, built in one place. Each ends with the whole outcome, so a failing
 * assertion shows the full verdict, not one field of it.
 */
final class AssertionMessages {

    private AssertionMessages() {
    }

    static String expected(String what, Object expected, Object actual, StepOutcome outcome) {
        return "Expecting " + what + " to be " + show(expected) + " but was " + show(actual) + "." + whole(outcome);
    }

    static String shouldHaveSucceeded(StepOutcome outcome) {
        return "Expecting the step to succeed but it failed." + whole(outcome);
    }

    static String shouldNotHaveHiddenDamage(StepOutcome outcome) {
        return "Expecting the step to succeed without hiding damage but it hid " + outcome.damage().size()
                + " finding(s); if they are intended, say so with hasSucceededWithDamage(...)." + whole(outcome);
    }

    static String shouldHaveHiddenOnly(StepOutcome outcome, Object declared, Object found) {
        return "Expecting the step to succeed hiding only " + declared + " but it hid " + found + "." + whole(outcome);
    }

    static String shouldHaveFailed(StepOutcome outcome) {
        return "Expecting the step to fail but it succeeded." + whole(outcome);
    }

    static String shouldContain(String what, String expected, Object actual, StepOutcome outcome) {
        return "Expecting " + what + " to contain " + show(expected) + " but was " + show(actual) + "." + whole(outcome);
    }

    static String noExpectationForEngine(StepOutcome outcome, Object given) {
        return "Expecting an error for " + outcome.engine().displayName() + " among " + given
                + " but none is given for that engine." + whole(outcome);
    }

    static String shouldBe(String what, StepOutcome outcome) {
        return "Expecting " + what + "." + whole(outcome);
    }

    private static String show(Object value) {
        if (value instanceof java.util.Optional<?> optional) {
            return optional.map(AssertionMessages::show).orElse("<none>");
        }
        if (value instanceof java.util.OptionalInt optional) {
            return optional.isPresent() ? String.valueOf(optional.getAsInt()) : "<none>";
        }
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String whole(StepOutcome outcome) {
        return "\n\nThe whole outcome:\n" + outcome.verdict();
    }
}
