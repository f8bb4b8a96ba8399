package io.storefront.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached" (503, try again) rather than a bug (500). */
class DatabaseUnavailableTest {

    @Test
    void shouldAnswer503WithRetryAfterWhenTheDatabaseCannotBeReached() {
        Response response = new ProblemMapper().unexpected(new IllegalStateException("could not open a connection",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).code()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void shouldTellAnOutageFromOtherDatabaseFailures() {
        assertThat(ProblemMapper.isDatabaseUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(ProblemMapper.isDatabaseUnavailable(new RuntimeException(new SQLException(
                "Sorry, acquisition timeout!")))).isTrue();
        assertThat(ProblemMapper.isDatabaseUnavailable(new RuntimeException(new ConnectException("refused"))))
                .isTrue();
        assertThat(ProblemMapper.isDatabaseUnavailable(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(ProblemMapper.isDatabaseUnavailable(new SQLException("integer out of range", "22003"))).isFalse();
        assertThat(ProblemMapper.isDatabaseUnavailable(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void shouldStillAnswer500ForABug() {
        assertThat(new ProblemMapper().unexpected(new IllegalStateException("a bug")).getStatus()).isEqualTo(500);
    }
}
