package dev.errand.job.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.job.InvalidJobException;
import dev.errand.job.JobType;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobRows;
import dev.errand.job.store.MutexStore;
import dev.errand.job.store.MutexStore.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A job's mutex key from its args, the check of @JobType(mutex) at deployment, and one claim's keys. */
class MutexKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"accountId\":\"acme-7\",\"n\":1}|acme-7",
            "{\"accountId\":42}|42",
            "{\"accountId\":42.0}|42",
            "{\"accountId\":4.2e1}|42",
            "{\"accountId\":-0.50}|-0.5",
            "{\"accountId\":true}|true",
            "{\"accountId\":\"\"}|''"})
    void theKeyIsTheMembersValueAsText(String args, String key) {
        assertThat(MutexKeys.keyOf("accountId", args)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"accountid\":1}", "{\"accountId\":null}", "{\"accountId\":{\"id\":1}}",
            "{\"accountId\":[1]}", "[1]", ""})
    void argsWithoutAScalarMemberAreRefusedNamingIt(String args) {
        assertThatThrownBy(() -> MutexKeys.keyOf("accountId", args))
                .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.field()).isEqualTo("args.accountId"))
                .hasMessageContaining("mutex key");
    }

    @Test
    void aKeyLongerThanTheColumnIsRefusedNotCut() {
        assertThat(MutexKeys.keyOf("k", "{\"k\":\"" + "x".repeat(200) + "\"}")).hasSize(200);
        assertThatThrownBy(() -> MutexKeys.keyOf("k", "{\"k\":\"" + "x".repeat(201) + "\"}"))
                .hasMessageContaining("at most 200");
        assertThat(MutexKeys.keyOf("k", "{\"k\":1e999999999}")).as("not a gigabyte of digits").isEqualTo("1E+999999999");
    }

    record AccountArgs(String accountId, int n) {
    }

    @JobType(value = "t.account", mutex = "accountId")
    static class Account {
    }

    @JobType(value = "t.typo", mutex = "acountId")
    static class Typo {
    }

    @JobType("t.free")
    static class Free {
    }

    @Test
    void theMemberIsCheckedAgainstTheArgsWhenTheTypeIsDeployed() {
        assertThat(MutexKeys.memberOf(Account.class.getAnnotation(JobType.class), AccountArgs.class)).isEqualTo("accountId");
        assertThat(MutexKeys.memberOf(Free.class.getAnnotation(JobType.class), AccountArgs.class)).isNull();
        assertThatThrownBy(() -> MutexKeys.memberOf(Typo.class.getAnnotation(JobType.class), AccountArgs.class))
                .hasMessageContaining("t.typo").hasMessageContaining("acountId");
        assertThatThrownBy(() -> MutexKeys.memberOf(Account.class.getAnnotation(JobType.class), Void.class))
                .hasMessageContaining("no member");
    }

    /** Answers from a map instead of PostgreSQL, and counts the statements a claim would run. */
    static final class Holders extends MutexStore {
        final Map<Key, Long> running;
        final List<String> statements = new ArrayList<>();

        Holders(Map<Key, Long> running) {
            this.running = running;
        }

        @Override
        public void lock(Collection<Key> keys) {
            statements.add("lock " + keys.size());
        }

        @Override
        public Map<Key, Long> holders(Collection<Key> keys) {
            statements.add("holders");
            return running;
        }
    }

    private static Mutexes mutexes(Holders store) {
        Mutexes mutexes = new Mutexes();
        mutexes.store = store;
        mutexes.registry = new HandlerRegistry();
        return mutexes;
    }

    @Test
    void twoJobsOfOneKeyInOneMessageDoNotBothStartAndOtherKeysDo() {
        Holders store = new Holders(Map.of(new Key("test.type", "b"), 9L));
        JobEntity first = JobRows.keyed(1, "a");
        JobEntity second = JobRows.keyed(2, "a");
        JobEntity other = JobRows.keyed(3, "b");
        JobEntity third = JobRows.keyed(4, "c");
        Mutexes.Gate gate = mutexes(store).open(List.of(first, second, other, third));

        assertThat(gate.heldBy(first)).isNull();
        gate.take(first);
        assertThat(gate.heldBy(second)).isEqualTo("held: mutex key a is held by job 1; starts when it ends");
        assertThat(gate.heldBy(other)).isEqualTo("held: mutex key b is held by job 9; starts when it ends");
        assertThat(gate.heldBy(third)).isNull();
        assertThat(store.statements).containsExactly("lock 3", "holders");
    }

    @Test
    void jobsWithoutAKeyCostNoStatement() {
        Holders store = new Holders(Map.of());
        JobEntity free = JobRows.keyed(1, null);
        Mutexes mutexes = mutexes(store);
        assertThat(mutexes.open(List.of(free)).heldBy(free)).isNull();
        assertThat(mutexes.releasable(List.of(free), null, List.of())).isEmpty();
        assertThat(store.statements).isEmpty();
    }
}
