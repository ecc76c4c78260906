package org.apache.camel.component.dify.protocol.stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.component.dify.protocol.StreamProgress;
import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;
import org.apache.camel.component.dify.protocol.sse.DifyEvent;
import org.apache.camel.component.dify.protocol.transport.EventStreamHandler;
import org.apache.camel.component.dify.protocol.transport.StreamControl;

/**
 * Tees a stream to a {@link StreamObserver} in front of its handler. The network reads on only while both the
 * handler (when it controls the flow) and the observer can take more.
 */
public final class ObservedStream<T> implements EventStreamHandler<T> {

    private final EventStreamHandler<T> delegate;
    private final StreamObserver observer;
    private final ObjectMapper mapper;
    private StreamControl control;
    private long index;

    public ObservedStream(EventStreamHandler<T> delegate, StreamObserver observer, ObjectMapper mapper) {
        this.delegate = delegate;
        this.observer = observer;
        this.mapper = mapper;
    }

    @Override
    public void onStart(StreamControl streamControl) {
        this.control = streamControl;
        // the handler's own requests for more pass only while the observer keeps up
        delegate.onStart(new StreamControl() {
            @Override
            public void resume() {
                resumeWhenObserverAccepts();
            }

            @Override
            public void cancel() {
                streamControl.cancel();
            }
        });
    }

    private void resumeWhenObserverAccepts() {
        if (observer.accepting()) {
            control.resume();
        } else {
            observer.whenAccepting(this::resumeWhenObserverAccepts);
        }
    }

    @Override
    public T earlyResult() {
        return delegate.earlyResult();
    }

    @Override
    public boolean controlsFlow() {
        return true;
    }

    @Override
    public boolean awaitingEvents() {
        return delegate.awaitingEvents() && observer.accepting();
    }

    @Override
    public void onFailure(RuntimeException failure) {
        delegate.onFailure(failure);
    }

    @Override
    public void onEvent(DifyEvent event) {
        DifyStreamEvent typed = DifyStreamEvent.of(event, mapper);
        observer.onEvent(typed, index++);
        delegate.onEvent(event);
        if (!delegate.controlsFlow()) {
            resumeWhenObserverAccepts(); // the handler takes everything at once: only the observer sets the pace
        }
    }

    @Override
    public T onEnd() {
        return delegate.onEnd();
    }

    @Override
    public StreamProgress progress() {
        return delegate.progress();
    }
}
