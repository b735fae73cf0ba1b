package basin.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket, for the browser test: calls a
 * method and waits for its answer, and records every event (console messages, exceptions, network
 * requests, dialogs) for the test to inspect. Talks only to the Chromium the test started on
 * 127.0.0.1.
 */
final class Cdp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final WebSocket socket;

  private Cdp(URI page) throws Exception {
    socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(page, new Listener())
        .get(30, TimeUnit.SECONDS);
  }

  /** Connects to the first page target of the Chromium whose DevTools listen on the port. */
  static Cdp connectToPage(int port) throws Exception {
    String list = new String(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/json/list")).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body(),
        java.nio.charset.StandardCharsets.UTF_8);
    for (JsonNode t : JSON.readTree(list)) {
      if ("page".equals(t.path("type").asText())) return new Cdp(URI.create(t.path("webSocketDebuggerUrl").asText()));
    }
    throw new AssertionError("no page target in " + list);
  }

  /** Calls a method and returns its result; fails on a protocol error or after 60 s. */
  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = nextId.getAndIncrement();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params == null ? JSON.createObjectNode() : params);
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode r = answer.get(60, TimeUnit.SECONDS);
    if (r.has("error")) throw new AssertionError(method + ": " + r.get("error"));
    return r.path("result");
  }

  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** Evaluates a JavaScript expression in the page and returns its value. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) throw new AssertionError("page threw: " + r.get("exceptionDetails"));
    return r.path("result").path("value");
  }

  /** The events received so far with the given method. */
  List<JsonNode> events(String method) {
    List<JsonNode> out = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) if (method.equals(e.path("method").asText())) out.add(e.path("params"));
    }
    return out;
  }

  /**
   * Waits up to the timeout for the n-th event with the given method (n from 1). Fails at once when
   * the page opens a dialog (alert, confirm): a script ran that should not have, and the dialog
   * would hold the page.
   */
  JsonNode awaitEvent(String method, int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      List<JsonNode> dialogs = events("Page.javascriptDialogOpening");
      if (!dialogs.isEmpty()) throw new AssertionError("the page opened a dialog (a script ran): " + dialogs.get(0));
      List<JsonNode> e = events(method);
      if (e.size() >= n) return e.get(n - 1);
      Thread.sleep(50);
    }
    throw new AssertionError("no " + method + " #" + n + " within " + timeout);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(buffer.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) f.complete(msg);
          } else {
            synchronized (events) {
              events.add(msg);
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException("bad DevTools message: " + e.getMessage(), e);
        } finally {
          buffer.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
