package de.nachruecker.support.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.time.Duration;

/**
 * Every service answers malformed requests with 4xx before anything is read or changed, reads JSON bodies strictly
 * ({@link StrictJson}), answers unroutable paths with a problem document (pages: the error page), and requests that
 * meet an unreachable database with 503.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebRequestGuardAutoConfiguration {

    /** Right after the correlation id filter, so rejections are logged with it, and before security reads forms. */
    @Bean
    FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter() {
        FilterRegistrationBean<MalformedRequestFilter> registration =
                new FilterRegistrationBean<>(new MalformedRequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Boot's JSON mapper is the one Spring MVC reads request bodies with; events have their own (EventCodec). */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::configure;
    }

    @Bean
    ApiFallbackAdvice apiFallbackAdvice() {
        return new ApiFallbackAdvice();
    }

    /**
     * Tomcat's report for requests it refuses before any servlet (a malformed path) is {@link ProblemReportValve}.
     * Ordered after Boot's own customizer, whose context customizer adds a plain ErrorReportValve to the host.
     */
    @Bean
    @ConditionalOnClass(Tomcat.class)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReports() {
        return new OrderedProblemReports();
    }

    private static final class OrderedProblemReports
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemReportValve());
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Bean
    DatabaseOutageAdvice databaseOutageAdvice(
            @Value("${nachruecker.web.database-outage-retry-after:10s}") Duration retryAfter) {
        return new DatabaseOutageAdvice(retryAfter);
    }

    @Bean
    WebMvcConfigurer answerableChanges(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        AnswerableChangeInterceptor interceptor =
                new AnswerableChangeInterceptor(() -> adapter.getObject().getMessageConverters());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }
        };
    }
}
