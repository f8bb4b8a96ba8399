package io.storefront.shared.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The error codes in code, in docs/ERRORS.md and in the API contract are one list. */
class ErrorCodesTest {

    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d{3}|4xx) \\|", Pattern.MULTILINE);
    /** How API.md names a code: its status, then the code ("409 `OUT_OF_STOCK`"). */
    private static final Pattern IN_CONTRACT = Pattern.compile("\\b([45]\\d\\d) `([A-Z][A-Z_]+)`");

    @Test
    void shouldDocumentEveryCodeWithItsStatusAndNothingElse() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher rows = DOCUMENTED.matcher(Files.readString(Path.of("docs/ERRORS.md")));
        while (rows.find()) {
            documented.put(rows.group(1), rows.group(2));
        }
        Map<String, String> inCode = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            inCode.put(code.name(), code == ErrorCode.REQUEST_FAILED ? "4xx" : Integer.toString(code.status()));
        }
        assertThat(documented).isEqualTo(inCode);
    }

    /** Only where the contract sits beside the repository (../shared/API.md), as on the team's machines. */
    @Test
    void shouldKnowEveryCodeTheContractNamesWithItsStatus() throws IOException {
        Path contract = Path.of("../shared/API.md");
        assumeTrue(Files.isRegularFile(contract), "../shared/API.md is not beside this checkout");
        Set<String> named = new TreeSet<>();
        Matcher codes = IN_CONTRACT.matcher(Files.readString(contract));
        while (codes.find()) {
            String code = codes.group(2);
            assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name)).as("codes in code").contains(code);
            assertThat(ErrorCode.valueOf(code).status()).as("status of %s", code)
                    .isEqualTo(Integer.parseInt(codes.group(1)));
            named.add(code);
        }
        assertThat(named).as("codes API.md names").contains("OUT_OF_STOCK", "INSUFFICIENT_STOCK");
    }
}
