import { createRouter, createWebHistory } from 'vue-router';
import CheckoutPage from './views/CheckoutPage.vue';
import HomePage from './views/HomePage.vue';
import ProductDetail from './views/ProductDetail.vue';
import ProductList from './views/ProductList.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: HomePage },
    { path: '/products', name: 'products', component: ProductList },
    { path: '/products/:id', name: 'product', component: ProductDetail, props: true },
    { path: '/checkout', name: 'checkout', component: CheckoutPage },
  ],
});
