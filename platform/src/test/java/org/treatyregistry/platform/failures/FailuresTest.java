package org.treatyregistry.platform.failures;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.ServerAddress;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class FailuresTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsTransientBehindTheListenersWrappers() {
        Exception timeout = new MongoSocketReadTimeoutException("read timed out", new ServerAddress(), null);
        assertThat(Failures.isTransient(new ListenerExecutionFailedException("listener failed",
                new BatchListenerFailedException("record 3", timeout, 3)))).isTrue();
    }

    /**
     * Found by the fault suite: a consumer put out of its group while the machine was starved could not commit,
     * and the error handler took that for poison, dead-lettering records that had been handled.
     */
    @Test
    void aCommitRefusedBecauseTheConsumerLeftItsGroupIsNotTheRecordsFault() {
        assertThat(Failures.isTransient(new CommitFailedException())).isTrue();
        assertThat(Failures.isTransient(new RebalanceInProgressException("rebalancing"))).isTrue();
    }

    @Test
    void whatAHandlerThrowsOnOneEventIsPoison() {
        assertThat(Failures.isTransient(new ListenerExecutionFailedException("listener failed",
                new IllegalArgumentException("not a CloudEvent")))).isFalse();
    }
}
