// No SDK: the same page and the same calls, so that every figure can be read as
// "what the SDK adds on top of this".
window.__bench = {
  name: 'baseline',
  init() {},
  openSpans() {},
  inPageload(fn) {
    return fn();
  },
  pageloadOpen() {
    return true;
  },
  async finish() {},
};
