package de.nachruecker.allocation.ops.application;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;

/** The broker's view of the event flow: end offsets and consumer group positions. */
public interface EventFlowSource {

    /** The latest offset of every partition of {@code topics} (those that exist). */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws BrokerUnavailableException;

    /** The committed offset of every partition each consumer group reads. */
    Map<String, Map<TopicPartition, Long>> committedOffsets() throws BrokerUnavailableException;

    /** The broker did not answer in time: the page says so instead of failing. */
    final class BrokerUnavailableException extends Exception {

        private static final long serialVersionUID = 1L;

        public BrokerUnavailableException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
