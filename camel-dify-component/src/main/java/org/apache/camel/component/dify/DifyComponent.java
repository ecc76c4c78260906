package org.apache.camel.component.dify;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.component.dify.consumer.DifyEventHub;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code dify:} component: call Dify apps, upload files and query Dify knowledge bases from routes. */
@Component("dify")
public class DifyComponent extends DefaultComponent implements SSLContextParametersAware {

    @Metadata(description = "The default options of every dify endpoint (camel.component.dify.*).")
    private DifyConfiguration configuration = new DifyConfiguration();

    @Metadata(label = "security", defaultValue = "false",
              description = "Use Camel's global SSL context parameters for the connection to Dify when an endpoint sets"
                            + " none.")
    private boolean useGlobalSslContextParameters;

    private final DifyEventHub eventHub = new DifyEventHub();

    public DifyComponent() {
    }

    /** Where producers' stream events meet the dify:events consumers. */
    public DifyEventHub getEventHub() {
        return eventHub;
    }

    public DifyComponent(CamelContext context) {
        super(context);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DifyConfiguration endpointConfiguration = configuration.copy();
        DifyEndpoint endpoint = new DifyEndpoint(uri, this, endpointConfiguration);
        endpoint.setOperation(remaining == null || remaining.isEmpty() ? null : DifyOperation.fromName(remaining));
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getSslContextParameters() == null && useGlobalSslContextParameters) {
            endpointConfiguration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    public DifyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DifyConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
