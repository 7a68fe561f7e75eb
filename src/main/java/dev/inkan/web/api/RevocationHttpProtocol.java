package dev.inkan.web.api;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol on {@link InlineRevocationEndpoint}; named by class (Tomcat creates a connector's
 * protocol by name, hence public) for every connector, answering inline only on the plain-HTTP one once
 * {@link PublicRevocationEndpoints} hands it the cached answers.
 */
public class RevocationHttpProtocol extends Http11NioProtocol {

    public RevocationHttpProtocol() {
        super(new InlineRevocationEndpoint());
    }

    void answerFromMemory(CachedRevocationAnswers answers) {
        ((InlineRevocationEndpoint) getEndpoint()).answerFromMemory(answers);
    }
}
