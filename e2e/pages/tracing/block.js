// A click handler that blocks the main thread for 200 ms: a long task, and a Long Animation Frame
// whose longest script is this one.
window.blockMainThread = function blockMainThread() {
  window.blockStart = performance.now();
  const until = window.blockStart + 200;
  while (performance.now() < until) {
    // busy: the frame cannot render until this returns
  }
  window.blocked = (window.blocked || 0) + 1;
};
document.getElementById('block').addEventListener('click', window.blockMainThread);
