package dev.rehearsal.assertions;

import dev.rehearsal.Failure;
import dev.rehearsal.FailureClass;
import dev.rehearsal.StepOutcome;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on where and why a migrate step failed. Reached through {@link StepOutcomeAssert#hasFailed()}.
 *
 * @since 0.1
 */
public final class FailureAssert extends AbstractAssert<FailureAssert, Failure> {

    private final StepOutcome outcome;

    FailureAssert(Failure actual, StepOutcome outcome) {
        super(actual, FailureAssert.class);
        this.outcome = outcome;
    }

    /**
     * Verify the name of the failing script.
     *
     * @param script e.g. {@code "V3__orders_customer_fk.sql"}; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert isInScript(String script) {
        return expect("the failing script", Optional.of(script), actual.script());
    }

    /**
     * Verify the version of the failing migration.
     *
     * @param version e.g. {@code "3"}; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert isAtVersion(String version) {
        return expect("the failing version", Optional.of(version), actual.version());
    }

    /**
     * Verify that the failing script is a repeatable migration ({@code R__}), which has no version.
     *
     * @return this assertion object
     */
    public FailureAssert isInRepeatableScript() {
        if (!actual.isRepeatable()) {
            failWithMessage("%s", AssertionMessages.expected("the failing script to be repeatable; its version",
                    Optional.empty(), actual.version(), outcome));
        }
        return this;
    }

    /**
     * Verify the 1-based index of the failing statement within its script.
     *
     * @param index e.g. {@code 2}
     * @return this assertion object
     */
    public FailureAssert isAtStatement(int index) {
        return expect("the failing statement's index", OptionalInt.of(index), actual.statementIndex());
    }

    /**
     * Verify the line of the script where the failing statement starts.
     *
     * @param line e.g. {@code 5}
     * @return this assertion object
     */
    public FailureAssert isAtLine(int line) {
        return expect("the failing statement's line", OptionalInt.of(line), actual.line());
    }

    /**
     * Verify that the failing statement's text contains a fragment.
     *
     * @param fragment e.g. {@code "FOREIGN KEY"}; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert hasStatementContaining(String fragment) {
        if (actual.statement().filter(s -> s.contains(fragment)).isEmpty()) {
            failWithMessage("%s", AssertionMessages.shouldContain("the failing statement", fragment, actual.statement(), outcome));
        }
        return this;
    }

    /**
     * Verify the SQLSTATE.
     *
     * @param sqlState e.g. {@code "23503"}; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert hasSqlState(String sqlState) {
        return expect("the SQLSTATE", Optional.of(sqlState), actual.sqlState());
    }

    /**
     * Verify the vendor error code (MySQL and MariaDB; PostgreSQL has none).
     *
     * @param vendorCode e.g. {@code 1452}
     * @return this assertion object
     */
    public FailureAssert hasVendorCode(int vendorCode) {
        return expect("the vendor code", OptionalInt.of(vendorCode), actual.vendorCode());
    }

    /**
     * Verify the error against the expectation for the engine the step ran on; expectations for other engines
     * are ignored, so one assertion serves a test that runs on several engines.
     *
     * @param expected one expectation per engine, e.g. {@code onPostgresql("23503"), onMariadb(1452)}
     * @return this assertion object
     */
    public FailureAssert hasError(EngineError... expected) {
        List<EngineError> forEngine = Arrays.stream(expected).filter(e -> e.engine() == outcome.engine()).toList();
        if (forEngine.isEmpty()) {
            failWithMessage("%s", AssertionMessages.noExpectationForEngine(outcome, Arrays.asList(expected)));
        }
        if (forEngine.stream().noneMatch(e -> e.matches(actual))) {
            String got = "SQLSTATE " + actual.sqlState().orElse("-") + ", vendor code "
                    + (actual.vendorCode().isPresent() ? actual.vendorCode().getAsInt() : "-");
            failWithMessage("%s", AssertionMessages.expected("the error", forEngine.size() == 1 ? forEngine.get(0) : forEngine,
                    got, outcome));
        }
        return this;
    }

    /**
     * Verify the failure class.
     *
     * @param failureClass the expected class; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert hasFailureClass(FailureClass failureClass) {
        return expect("the failure class", failureClass, actual.failureClass());
    }

    /**
     * Verify that the statement failed on existing rows.
     *
     * @return this assertion object
     */
    public FailureAssert isDataDependent() {
        return hasFailureClass(FailureClass.DATA_DEPENDENT);
    }

    /**
     * Verify that the statement failed on the state of the schema.
     *
     * @return this assertion object
     */
    public FailureAssert isSchemaDependent() {
        return hasFailureClass(FailureClass.SCHEMA_DEPENDENT);
    }

    /**
     * Verify that the statement could not be parsed.
     *
     * @return this assertion object
     */
    public FailureAssert isSyntaxError() {
        return hasFailureClass(FailureClass.SYNTAX);
    }

    /**
     * Verify the constraint the engine names.
     *
     * @param constraint e.g. {@code "fk_orders_customer"}; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert hasConstraint(String constraint) {
        return expect("the constraint", Optional.of(constraint), actual.constraint());
    }

    /**
     * Verify the table the engine names, or that the statement alters.
     *
     * @param table e.g. {@code "orders"}; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert hasTable(String table) {
        return expect("the table", Optional.of(table), actual.table());
    }

    /**
     * Verify the column the engine names.
     *
     * @param column e.g. {@code "customer_id"}; must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert hasColumn(String column) {
        return expect("the column", Optional.of(column), actual.column());
    }

    /**
     * Verify that the error message contains a fragment.
     *
     * @param fragment must not be {@code null}
     * @return this assertion object
     */
    public FailureAssert hasMessageContaining(String fragment) {
        if (!actual.message().contains(fragment)) {
            failWithMessage("%s", AssertionMessages.shouldContain("the error message", fragment, actual.message(), outcome));
        }
        return this;
    }

    /**
     * Go on with assertions on what the failure left in the database.
     *
     * @return assertions on the state left behind
     */
    public LeftBehindAssert leftBehind() {
        return new LeftBehindAssert(outcome.leftBehind().orElseThrow(), outcome);
    }

    private FailureAssert expect(String what, Object expected, Object actualValue) {
        if (!expected.equals(actualValue)) {
            // actual and expected given apart too, so that an IDE shows the difference
            failWithActualExpectedAndMessage(actualValue, expected, "%s",
                    AssertionMessages.expected(what, expected, actualValue, outcome));
        }
        return this;
    }
}
