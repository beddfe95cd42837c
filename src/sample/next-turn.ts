// Yielding to the event loop between batches of steps, the same way in Node, a page and a Web
// Worker: a message through a fresh MessageChannel runs as soon as pending events have had their
// turn (setTimeout(0) is clamped to 4 ms in browsers, setImmediate is Node's alone). The channel
// is closed at once, so it never keeps a Node process alive.

/** Resolves on the event loop's next turn. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
