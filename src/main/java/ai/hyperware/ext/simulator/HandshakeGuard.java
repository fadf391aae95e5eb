package ai.hyperware.ext.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's checks on an extension's handshake, answered as the node answers them: with a plain HTTP error, not
 * a WebSocket close. It runs before Tomcat's WebSocket filter, so a refused request is never upgraded.
 *
 * <p>A held handshake waits here, before any check, until it is released: a node slow to answer the upgrade.
 *
 * <p>In order: a node refusing every extension (no {@code --expose-local}) answers the configured status; a peer
 * that is not loopback, or any proxy header, gets 403; an authenticated binding without the login cookie gets 401.
 */
final class HandshakeGuard implements Filter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);
    private static final List<String> PROXY_HEADERS =
            List.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip");

    private final byte[] requiredCookie;
    private volatile int refusalStatus; // 0: accept
    private volatile CountDownLatch gate; // null: handshakes go straight through
    private final AtomicInteger held = new AtomicInteger();

    HandshakeGuard(String requiredCookie) {
        this.requiredCookie = requiredCookie == null ? null : requiredCookie.getBytes(StandardCharsets.UTF_8);
    }

    void refuseAll(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("a refusal is an HTTP error status (400-599), not " + httpStatus);
        }
        refusalStatus = httpStatus;
    }

    void acceptAll() {
        refusalStatus = 0;
    }

    /** Makes every new handshake wait in {@link #doFilter} until {@link #releaseAll()}. */
    synchronized void holdAll() {
        if (gate == null) {
            gate = new CountDownLatch(1);
        }
    }

    /** Lets every held handshake go on, and new ones through; safe to call when none is held. */
    synchronized void releaseAll() {
        if (gate != null) {
            gate.countDown();
            gate = null;
        }
    }

    int held() {
        return held.get();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        waitWhileHeld(http);
        int refusedWith = refusalStatus;
        String reason;
        if (refusedWith != 0) {
            reason = "extensions refused (a node without --expose-local)";
        } else if (!isLoopback(http.getRemoteAddr())) {
            refusedWith = HttpServletResponse.SC_FORBIDDEN;
            reason = "peer " + http.getRemoteAddr() + " is not loopback";
        } else if (proxyHeader(http) != null) {
            refusedWith = HttpServletResponse.SC_FORBIDDEN;
            reason = "proxy header " + proxyHeader(http) + " present";
        } else if (requiredCookie != null && !carriesRequiredCookie(http)) {
            refusedWith = HttpServletResponse.SC_UNAUTHORIZED;
            reason = "the login cookie is missing or wrong"; // never log what the peer sent: it may be a token
        } else {
            chain.doFilter(request, response);
            return;
        }
        log.info("refused the handshake on {}: {} (HTTP {})", http.getRequestURI(), reason, refusedWith);
        HttpServletResponse refusal = (HttpServletResponse) response;
        refusal.setStatus(refusedWith);
        refusal.setContentType("text/plain;charset=UTF-8");
        refusal.getWriter().write(reason + "\n");
    }

    private void waitWhileHeld(HttpServletRequest http) throws ServletException {
        CountDownLatch current = gate;
        if (current == null) {
            return;
        }
        log.info("holding the handshake on {} until it is released", http.getRequestURI());
        held.incrementAndGet();
        try {
            current.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while holding a handshake", e);
        } finally {
            held.decrementAndGet();
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String proxyHeader(HttpServletRequest request) {
        return PROXY_HEADERS.stream().filter(name -> request.getHeader(name) != null).findFirst().orElse(null);
    }

    private boolean carriesRequiredCookie(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders("Cookie"))) {
            for (String pair : header.split(";")) {
                // constant-time, so that the comparison does not leak how much of a guess was right
                if (MessageDigest.isEqual(requiredCookie, pair.trim().getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
        }
        return false;
    }
}
