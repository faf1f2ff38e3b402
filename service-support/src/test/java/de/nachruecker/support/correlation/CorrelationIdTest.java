package de.nachruecker.support.correlation;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdTest {

    @Test
    void keepsAWellFormedIdAndRestoresThePreviousOneAfterwards() {
        try (CorrelationId.Scope outer = CorrelationId.open("outer-1")) {
            try (CorrelationId.Scope inner = CorrelationId.open("inner-2")) {
                assertThat(MDC.get(CorrelationId.MDC_KEY)).isEqualTo("inner-2");
                assertThat(CorrelationId.currentOrNew()).isEqualTo(inner.id());
            }
            assertThat(MDC.get(CorrelationId.MDC_KEY)).isEqualTo(outer.id()).isEqualTo("outer-1");
        }
        assertThat(MDC.get(CorrelationId.MDC_KEY)).isNull();
    }

    @Test
    void replacesMissingOrMalformedIdsSoNothingCanBeInjectedIntoLogs() {
        try (CorrelationId.Scope missing = CorrelationId.open(null)) {
            assertThat(missing.id()).hasSize(36);
        }
        try (CorrelationId.Scope injected = CorrelationId.open("x\n{\"level\":\"ERROR\"}")) {
            assertThat(injected.id()).doesNotContain("\n", "{").hasSize(36);
        }
        try (CorrelationId.Scope tooLong = CorrelationId.open("a".repeat(65))) {
            assertThat(tooLong.id()).hasSize(36);
        }
    }
}
