package de.nachruecker.support.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.time.Duration;

/**
 * Every service answers malformed requests with 4xx before anything is read or changed, and requests that meet an
 * unreachable database with 503.
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
