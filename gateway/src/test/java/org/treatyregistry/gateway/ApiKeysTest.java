package org.treatyregistry.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void findsTheHolderOfEachKeyAndNobodyForOthers() {
        ApiKeys keys = ApiKeys.parse(
                "ingest-1:integration:ingest-key-0123456789, auditor-1 : auditor : audit:key:0123456789");

        assertThat(keys.find("ingest-key-0123456789")).contains(new ApiClient("ingest-1", Role.INTEGRATION));
        assertThat(keys.find("audit:key:0123456789")).contains(new ApiClient("auditor-1", Role.AUDITOR));
        assertThat(keys.find("ingest-key-012345678")).isEmpty();
        assertThat(keys.find("")).isEmpty();
    }

    @Test
    void rejectsEmptyConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(" "))
                .withMessageContaining("treaty.gateway.api-keys (TREATY_API_KEYS) is empty");
    }

    @Test
    void rejectsEntryThatIsNotNameRoleKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse("ingest-1:integration:ingest-key-0123456789,auditor-key-0123456789"))
                .withMessageContaining("Entry 2 of treaty.gateway.api-keys")
                .withMessageContaining("not of the form name:role:key")
                .withMessageNotContaining("auditor-key-0123456789");
    }

    @Test
    void rejectsUnknownRole() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse("root:admin:admin-key-0123456789"))
                .withMessageContaining("unknown role 'admin'")
                .withMessageContaining("use integration, auditor or operator");
    }

    @Test
    void rejectsKeyShorterThan16Characters() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse("ingest-1:integration:short-key"))
                .withMessageContaining("('ingest-1') has a key shorter than 16 characters")
                .withMessageNotContaining("short-key");
    }

    @Test
    void rejectsTwoEntriesSharingAKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse("a:auditor:same-key-0123456789,b:operator:same-key-0123456789"))
                .withMessageContaining("('b') has the same key as 'a'")
                .withMessageNotContaining("same-key-0123456789");
    }

    @Test
    void rejectsTwoEntriesSharingAName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.parse("a:auditor:first-key-0123456789,a:operator:second-key-0123456789"))
                .withMessageContaining("reuses the name 'a'");
    }
}
