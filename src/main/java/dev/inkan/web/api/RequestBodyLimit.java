package dev.inkan.web.api;

import dev.inkan.config.InkanProperties;
import dev.inkan.config.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies under {@code /api} ({@code inkan.max-body-bytes}, 64 KiB by default: a CSR or
 * a JSON request is a few KiB). A declared Content-Length over the cap is refused at once with 413;
 * a chunked body is cut off when it passes the cap, and the API answers 413 too.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    /** Thrown into the JSON reader when a body passes the cap. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    private static final String LIMIT = RequestBodyLimit.class.getName() + ".limit";
    private final int limit;

    RequestBodyLimit(InkanProperties properties) {
        this.limit = properties.maxBodyBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(LIMIT, limit);
        if (request.getContentLengthLong() > limit) {
            ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit), "body", request);
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /** The message of a 413, whether the declared length or the bytes read passed the cap. */
    static String tooLarge(Object limit) {
        return "the request body is larger than " + limit + " bytes; send a smaller request";
    }

    static boolean exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    static Object limit(HttpServletRequest request) {
        return request.getAttribute(LIMIT);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final int limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, int limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
