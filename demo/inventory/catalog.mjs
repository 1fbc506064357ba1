/** The products the inventory service knows, with the stock it holds for each. */
export const catalog = [
  { id: 1, name: 'Trail lantern', price: 34.5, stock: 12 },
  { id: 2, name: 'Enamel mug', price: 9.9, stock: 40 },
  { id: 3, name: 'Wool blanket', price: 79, stock: 5 },
  { id: 4, name: 'Folding stool', price: 24, stock: 8 },
  { id: 5, name: 'Camp kettle', price: 29.95, stock: 0 },
];
