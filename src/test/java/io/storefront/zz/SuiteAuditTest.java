package io.storefront.zz;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;

/**
 * The stock audit over the whole database, after every other test of the default profile has run on it (each test
 * audits only its own items, so that a violation fails where it was caused). The package name puts this class last:
 * Quarkus runs the classes of one profile together, ordered by name.
 */
@QuarkusTest
class SuiteAuditTest {

    @Test
    void shouldLeaveEveryItemOfTheSuiteConsistent() {
        Api.assertAuditClean();
    }
}
