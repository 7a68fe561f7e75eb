package dev.inkan.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.inkan.storage.DataDirectory;
import dev.inkan.storage.DurableDataSource;
import dev.inkan.storage.SyncedFilePath;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The data directory is made, narrowed to its owner and locked, and H2's synced file system
 * ({@code jdbc:h2:sync:}) registered, before any bean opens the database; the lock is released when the
 * context closes (and by the OS when the process dies). The H2 database on that file system is reached through
 * {@link DurableDataSource} (group commit); PostgreSQL and other H2 URLs are left as they are.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean
    static DataDirectoryHold dataDirectoryHold(Environment environment) {
        return new DataDirectoryHold(environment);
    }

    @Bean
    static BeanPostProcessor groupCommitDataSource() {
        String synced = "jdbc:h2:" + SyncedFilePath.SCHEME + ":";
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                boolean h2Synced = bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                        && pool.getJdbcUrl().startsWith(synced);
                return h2Synced ? new DurableDataSource((DataSource) bean) : bean;
            }
        };
    }

    /** Holds the data directory's lock for the life of the application context. */
    static final class DataDirectoryHold implements BeanFactoryPostProcessor, DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(DataDirectoryHold.class);
        private final Environment environment;
        private DataDirectory directory;

        DataDirectoryHold(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            SyncedFilePath.register();
            Path dir = Binder.get(environment).bind("inkan.data-dir", Path.class).orElse(Path.of("./data"));
            directory = DataDirectory.open(dir);
            directory.narrowed().forEach(path -> log.warn("{} was readable by other users; it is owner-only now", path));
            directory.unnarrowed().forEach(path -> log.warn("{} may be readable by other users and cannot be made owner-only;"
                    + " give the data directory to the user running Inkan (chmod 700)", path));
        }

        @Override
        public void destroy() {
            if (directory != null) {
                directory.close();
            }
        }
    }
}
