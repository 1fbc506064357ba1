import { computed, reactive } from 'vue';

/** The shopping cart: product id → { product, quantity }. Lives as long as the page. */
const lines = reactive(new Map());

export const cart = {
  lines: computed(() => [...lines.values()]),
  count: computed(() => [...lines.values()].reduce((sum, line) => sum + line.quantity, 0)),
  total: computed(() => [...lines.values()].reduce((sum, line) => sum + line.quantity * line.product.price, 0)),
  add(product) {
    const line = lines.get(product.id);
    if (line) line.quantity += 1;
    else lines.set(product.id, { product, quantity: 1 });
  },
  clear() {
    lines.clear();
  },
};
