/*
 * The storefront (index.html): search, item, cart, checkout and orders, one view per address fragment
 * (#/, #/search?q=..., #/item/{id}, #/cart, #/checkout, #/orders, #/orders/{id}).
 */
'use strict';

(() => {
    const { api, el, say, fail, money } = Shop;
    const VIEWS = ['search', 'item', 'cart', 'checkout', 'orders', 'order'];
    const ORDER_STATUS = {
        PLACED: 'Placed', ASSIGNED: 'Being prepared', PARTIALLY_SHIPPED: 'Partly shipped', SHIPPED: 'Shipped',
        CANCELLED: 'Cancelled',
    };
    const SHIPMENT_STATUS = { NEW: 'Being prepared', ACKNOWLEDGED: 'Being prepared', SHIPPED: 'Shipped', CANCELLED: 'Cancelled' };
    const PAYMENT_STATUS = {
        AUTHORIZED: 'Payment authorized', VOID_PENDING: 'Payment being given back', VOIDED: 'Payment given back',
    };
    const names = new Map();
    let timers = [];
    /** A message for the next view, shown after navigating (a placed order, a cancelled checkout). */
    let flash = '';
    /** Bumped on every navigation, so that an answer arriving for a view the shopper has left is dropped. */
    let visit = 0;

    const $ = id => document.getElementById(id);
    const go = hash => {
        if (location.hash === hash) {
            route();
        } else {
            location.hash = hash;
        }
    };
    const every = (ms, run) => timers.push(setInterval(run, ms));
    const time = iso => new Date(iso).toLocaleTimeString();
    const date = iso => new Date(iso).toLocaleString();

    function stockBadge(stock) {
        const s = Shop.stock(stock);
        return el('span', { class: 'stock ' + s.kind }, s.text);
    }

    async function nameOf(itemId) {
        if (!names.has(itemId)) {
            try {
                names.set(itemId, (await api('GET', '/api/v1/items/' + itemId)).name);
            } catch (e) {
                return 'Item ' + itemId.slice(0, 8);
            }
        }
        return names.get(itemId);
    }

    async function isCustomer() {
        return (await Shop.role()) === 'customer';
    }

    async function requireCustomer(what) {
        if (await isCustomer()) {
            return true;
        }
        openSignIn(true);
        say('Sign in as a customer to ' + what + '.', true);
        return false;
    }

    // ------------------------------------------------------------------ account

    async function showAccount() {
        const role = await Shop.role();
        $('who').textContent = role ? 'Signed in as ' + (role === 'customer' ? 'a customer' : role) : '';
        $('sign-out').hidden = !role;
        $('sign-in-toggle').hidden = !!role;
        await updateCartCount();
    }

    function openSignIn(open) {
        $('sign-in').hidden = !open;
        $('sign-in-toggle').setAttribute('aria-expanded', String(open));
        if (open) {
            Shop.signInPanel($('sign-in'), ['customer', 'warehouse', 'admin'], async () => {
                openSignIn(false);
                if ((await Shop.role()) === 'warehouse') {
                    location.href = '/warehouse/';
                    return;
                }
                await showAccount();
                route();
            });
        }
    }

    async function updateCartCount(cart) {
        let count = '';
        if (await isCustomer()) {
            try {
                const lines = (cart || await api('GET', '/api/v1/cart')).lines;
                count = lines.length ? String(lines.reduce((sum, line) => sum + line.quantity, 0)) : '';
            } catch (e) {
                count = '';
            }
        }
        $('cart-count').textContent = count;
    }

    async function addToCart(itemId, quantity) {
        if (!(await requireCustomer('fill a cart'))) {
            return;
        }
        try {
            const line = (await api('GET', '/api/v1/cart')).lines.find(l => l.itemId === itemId);
            const cart = await api('PUT', '/api/v1/cart/items/' + itemId, { quantity: (line ? line.quantity : 0) + quantity });
            const name = cart.lines.find(l => l.itemId === itemId).name;
            say('Added ' + name + ' to your cart.');
            await updateCartCount(cart);
        } catch (e) {
            fail(e);
        }
    }

    // ------------------------------------------------------------------ search

    let search = null;

    function cents(value) {
        return value === '' ? null : String(Math.round(parseFloat(value) * 100));
    }

    async function showSearch(params) {
        $('q').value = params.get('q') || '';
        $('sort').value = params.get('sort') || 'relevance';
        $('min-price').value = params.get('min') || '';
        $('max-price').value = params.get('max') || '';
        const query = new URLSearchParams({ limit: '20' });
        if ($('q').value.trim()) {
            query.set('q', $('q').value.trim());
        }
        if ($('sort').value !== 'relevance') {
            query.set('sort', $('sort').value);
        }
        for (const [field, parameter] of [['min-price', 'minPrice'], ['max-price', 'maxPrice']]) {
            const amount = cents($(field).value);
            if (amount !== null) {
                query.set(parameter, amount);
            }
        }
        search = { query, cursor: null };
        $('results').replaceChildren();
        $('result-summary').textContent = 'Searching…';
        await moreResults();
    }

    async function moreResults() {
        const seen = visit;
        const query = new URLSearchParams(search.query);
        if (search.cursor) {
            query.set('cursor', search.cursor);
        }
        const page = await api('GET', '/api/v1/items?' + query);
        if (seen !== visit) {
            return;
        }
        search.cursor = page.nextCursor;
        $('results').append(...page.items.map(result));
        const shown = $('results').children.length;
        $('result-summary').textContent = shown === 0 ? 'Nothing found. Try other words or a wider price range.'
            : shown + (page.nextCursor ? '+' : '') + ' result' + (shown === 1 ? '' : 's');
        $('more-results').hidden = !page.nextCursor;
    }

    function result(item) {
        names.set(item.id, item.name);
        const out = !item.stock.inStock;
        return el('li', { class: 'card result', 'data-item-id': item.id },
            el('h2', {}, el('a', { href: '#/item/' + item.id }, item.name)),
            el('p', { class: 'description' }, item.description),
            el('p', { class: 'price-line' }, el('span', { class: 'price' }, money(item.price)), ' ', stockBadge(item.stock)),
            el('button', {
                type: 'button', class: 'add-to-cart', disabled: out, 'aria-label': 'Add ' + item.name + ' to cart',
                onclick: () => addToCart(item.id, 1),
            }, out ? 'Out of stock' : 'Add to cart'));
    }

    // ------------------------------------------------------------------ item

    async function showItem(itemId) {
        const item = await api('GET', '/api/v1/items/' + itemId);
        names.set(item.id, item.name);
        const quantity = el('input', {
            id: 'item-quantity', type: 'number', min: 1, value: 1, inputmode: 'numeric',
        });
        $('view-item').replaceChildren(el('article', { class: 'item' },
            el('h1', { id: 'item-name' }, item.name),
            el('p', {}, item.description),
            el('p', { class: 'price-line' }, el('span', { class: 'price' }, money(item.price)), ' ', stockBadge(item.stock)),
            el('form', {
                class: 'row', onsubmit: event => {
                    event.preventDefault();
                    addToCart(item.id, parseInt(quantity.value, 10) || 1);
                },
            }, el('label', { for: 'item-quantity' }, 'Quantity'), quantity,
                el('button', { type: 'submit', id: 'item-add', disabled: !item.stock.inStock }, 'Add to cart')),
            el('button', { type: 'button', onclick: () => history.back() }, 'Back')));
    }

    // ------------------------------------------------------------------ cart

    async function showCart() {
        if (!(await requireCustomer('see your cart'))) {
            $('cart').replaceChildren();
            return;
        }
        const [cart, checkout] = await Promise.all([api('GET', '/api/v1/cart'), activeCheckout()]);
        await updateCartCount(cart);
        if (cart.lines.length === 0) {
            $('cart').replaceChildren(el('p', {}, 'Your cart is empty. ', el('a', { href: '#/' }, 'Find something')));
            return;
        }
        const lines = cart.lines.map(line => {
            names.set(line.itemId, line.name);
            const s = line.stock;
            const flag = !s.inStock ? 'Out of stock: check out without it or remove it'
                : s.available < line.quantity ? 'Only ' + s.available + ' left: lower the quantity' : '';
            const input = el('input', {
                id: 'qty-' + line.itemId, type: 'number', min: 0, max: 100, value: line.quantity, inputmode: 'numeric',
                disabled: !!checkout, onchange: () => {
                    const quantity = parseInt(input.value, 10);
                    if (!Number.isNaN(quantity)) {
                        setQuantity(line.itemId, quantity);
                    }
                },
            });
            return el('li', { class: 'card cart-line' + (flag ? ' flagged' : ''), 'data-item-id': line.itemId },
                el('h2', {}, el('a', { href: '#/item/' + line.itemId }, line.name)),
                el('p', {}, money(line.unitPrice), ' each'),
                flag ? el('p', { class: 'line-flag' }, flag) : null,
                el('div', { class: 'row' },
                    el('label', { for: input.id }, 'Quantity'), input,
                    el('button', {
                        type: 'button', class: 'remove', disabled: !!checkout, 'aria-label': 'Remove ' + line.name,
                        onclick: () => setQuantity(line.itemId, 0),
                    }, 'Remove')));
        });
        const action = checkout
            ? el('p', { class: 'notice' }, 'Your checkout is in progress; the cart cannot change until it ends. ',
                el('a', { href: '#/checkout', id: 'continue-checkout' }, 'Continue to checkout'))
            : el('button', { type: 'button', id: 'start-checkout', class: 'primary', onclick: startCheckout }, 'Check out');
        $('cart').replaceChildren(el('ul', { class: 'plain' }, lines),
            el('p', { class: 'total' }, 'Total ', el('strong', { id: 'cart-total' }, money(cart.total))), action);
    }

    async function setQuantity(itemId, quantity) {
        try {
            if (quantity > 0) {
                await api('PUT', '/api/v1/cart/items/' + itemId, { quantity });
            } else {
                await api('DELETE', '/api/v1/cart/items/' + itemId);
            }
            await showCart();
        } catch (e) {
            fail(e);
            await showCart();
        }
    }

    async function activeCheckout() {
        try {
            return await api('GET', '/api/v1/checkout');
        } catch (e) {
            if (e.code === 'NOT_FOUND') {
                return null;
            }
            throw e;
        }
    }

    async function startCheckout() {
        try {
            await api('POST', '/api/v1/checkout');
            go('#/checkout');
        } catch (e) {
            if (e.code === 'OUT_OF_STOCK' && e.problem.lines) {
                const lines = await Promise.all(e.problem.lines.map(async l =>
                    (await nameOf(l.itemId)) + ' (you want ' + l.requested + ', ' + l.available + ' available)'));
                say('Nothing in your cart can be reserved right now: ' + lines.join('; ') + '.', true);
            } else {
                fail(e);
            }
        }
    }

    // ------------------------------------------------------------------ checkout

    async function showCheckout() {
        if (!(await requireCustomer('check out'))) {
            $('checkout').replaceChildren();
            return;
        }
        const checkout = await activeCheckout();
        if (!checkout) {
            $('checkout').replaceChildren(el('p', {}, 'You have no checkout in progress. ',
                el('a', { href: '#/cart' }, 'Go to your cart')));
            return;
        }
        // What was not reserved: the cart's other lines (the checkout answers them only when it begins; they stay in
        // the cart), with their stock as it is now.
        const cart = await api('GET', '/api/v1/cart');
        cart.lines.forEach(line => names.set(line.itemId, line.name));
        const reserved = await Promise.all(checkout.reserved.map(async line =>
            el('li', {}, (await nameOf(line.itemId)) + ' × ' + line.quantity)));
        const unavailable = cart.lines.filter(line => !checkout.reserved.some(r => r.itemId === line.itemId))
            .map(line => el('li', {}, line.name + ': you wanted ' + line.quantity + ', '
                + (line.stock.available === 0 ? 'none is' : 'only ' + line.stock.available + ' is') + ' in stock now'));
        const countdown = el('p', { id: 'countdown', role: 'timer', class: 'countdown' });
        const placeOrder = el('button', { type: 'submit', id: 'place-order', class: 'primary' }, 'Place order');
        const form = addressForm(placeOrder);
        let idempotencyKey = null;
        form.addEventListener('submit', async event => {
            event.preventDefault();
            placeOrder.disabled = true;
            idempotencyKey = idempotencyKey || Shop.uuid();
            try {
                const data = new FormData(form);
                const address = {};
                for (const field of ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country']) {
                    address[field] = data.get(field).trim();
                }
                if (!address.line2) {
                    delete address.line2;
                }
                const order = await api('POST', '/api/v1/orders', {
                    checkoutId: checkout.id, shippingAddress: address,
                    payment: { method: 'card', token: data.get('cardToken').trim() },
                }, { 'Idempotency-Key': idempotencyKey });
                flash = 'Thank you! Your order is placed.';
                go('#/orders/' + order.id);
                await updateCartCount(); // the order took its lines out of the cart
            } catch (e) {
                if (e.status !== 0) {
                    idempotencyKey = null; // a definitive answer: the next try is a new request
                }
                placeOrder.disabled = false;
                if (e.code === 'CHECKOUT_EXPIRED') {
                    expired();
                }
                fail(e);
            }
        });
        const expiresAt = Date.parse(checkout.expiresAt);
        const expired = () => {
            if (countdown.classList.contains('expired')) {
                return;
            }
            timers.forEach(clearInterval);
            countdown.textContent = 'Your reservation expired at ' + time(checkout.expiresAt)
                + '. The items are back on sale: check out again to reserve them.';
            countdown.classList.add('expired');
            countdown.setAttribute('role', 'alert');
            placeOrder.disabled = true;
            form.after(el('button', { type: 'button', id: 'checkout-again', class: 'primary', onclick: startCheckout },
                'Check out again'));
        };
        const tick = () => {
            const left = Math.ceil((expiresAt - Date.now()) / 1000);
            if (left <= 0) {
                expired();
                return;
            }
            countdown.textContent = 'Your items are reserved for ' + Math.floor(left / 60) + ':'
                + String(left % 60).padStart(2, '0') + ' more (until ' + time(checkout.expiresAt) + ').';
        };
        $('checkout').replaceChildren(
            unavailable.length ? el('div', { id: 'unavailable', class: 'alert', role: 'alert' },
                el('h2', {}, 'Not reserved: out of stock since you added ' + (unavailable.length === 1 ? 'it' : 'them')),
                el('ul', {}, unavailable),
                el('p', {}, 'They stay in your cart and are not part of this order.')) : null,
            el('h2', {}, 'Reserved for you'),
            el('ul', { id: 'reserved' }, reserved),
            el('p', { class: 'total' }, 'Total ', el('strong', { id: 'checkout-total' }, money(checkout.total))),
            countdown, form,
            el('button', {
                type: 'button', id: 'cancel-checkout', onclick: async () => {
                    try {
                        await api('DELETE', '/api/v1/checkout');
                        flash = 'Checkout cancelled: your items are back on sale and still in your cart.';
                        go('#/cart');
                    } catch (e) {
                        fail(e);
                    }
                },
            }, 'Cancel checkout'));
        tick();
        if (!countdown.classList.contains('expired')) {
            every(1000, tick);
        }
    }

    function addressForm(submit) {
        const field = (name, label, attributes = {}) => {
            const id = 'address-' + name;
            return el('div', { class: 'field' }, el('label', { for: id }, label),
                el('input', { id, name, required: true, maxlength: 200, ...attributes }));
        };
        return el('form', { id: 'address-form' },
            el('fieldset', {}, el('legend', {}, 'Shipping address'),
                field('name', 'Full name', { autocomplete: 'name' }),
                field('line1', 'Street and number', { autocomplete: 'address-line1' }),
                field('line2', 'Apartment, suite (optional)', { autocomplete: 'address-line2', required: false }),
                field('city', 'City', { autocomplete: 'address-level2' }),
                field('region', 'State or region', { autocomplete: 'address-level1' }),
                field('postalCode', 'Postal code', { autocomplete: 'postal-code' }),
                field('country', 'Country (2 letters)', {
                    autocomplete: 'country', value: 'US', maxlength: 2, pattern: '[A-Za-z]{2}',
                })),
            el('fieldset', {}, el('legend', {}, 'Payment'),
                el('div', { class: 'field' }, el('label', { for: 'card-token' }, 'Card token'),
                    el('input', { id: 'card-token', name: 'cardToken', required: true, value: 'tok_visa', 'aria-describedby': 'card-hint' }),
                    el('small', { id: 'card-hint' }, 'Your payment provider\'s card form fills this in. '
                        + 'The built-in test gateway approves every token but tok_declined.'))),
            submit);
    }

    // ------------------------------------------------------------------ orders

    let orderCursor = null;

    async function showOrders() {
        if (!(await requireCustomer('see your orders'))) {
            $('orders').replaceChildren();
            return;
        }
        orderCursor = null;
        $('orders').replaceChildren();
        await moreOrders();
    }

    async function moreOrders() {
        const page = await api('GET', '/api/v1/orders?limit=20' + (orderCursor ? '&cursor=' + encodeURIComponent(orderCursor) : ''));
        orderCursor = page.nextCursor;
        $('orders').append(...page.items.map(order => el('li', { class: 'card', 'data-order-id': order.id },
            el('a', { href: '#/orders/' + order.id }, 'Order of ' + date(order.createdAt)), ' ',
            el('span', { class: 'status ' + order.status.toLowerCase() }, ORDER_STATUS[order.status]), ' ',
            money(order.total))));
        if ($('orders').children.length === 0) {
            $('orders').append(el('li', {}, 'No orders yet.'));
        }
        $('more-orders').hidden = !orderCursor;
    }

    async function showOrder(orderId) {
        if (!(await requireCustomer('see your orders'))) {
            $('view-order').replaceChildren();
            return;
        }
        let shown = '';
        const render = async () => {
            const order = await api('GET', '/api/v1/orders/' + orderId);
            const state = JSON.stringify([order.status, order.paymentStatus, order.shipments]);
            if (state === shown) {
                return order;
            }
            shown = state;
            const lines = await Promise.all(order.lines.map(async line =>
                el('li', {}, (await nameOf(line.itemId)) + ' × ' + line.quantity + ' at ' + money(line.unitPrice))));
            const shipments = await Promise.all((order.shipments || []).map(async (shipment, i) => el('li', {
                class: 'shipment', 'data-status': shipment.status,
            }, el('strong', {}, 'Shipment ' + (i + 1) + ': ' + SHIPMENT_STATUS[shipment.status]),
            el('ul', {}, await Promise.all(shipment.lines.map(async l => el('li', {}, (await nameOf(l.itemId)) + ' × ' + l.quantity)))))));
            const a = order.shippingAddress;
            const cancellable = order.status === 'PLACED' || order.status === 'ASSIGNED';
            $('view-order').replaceChildren(el('article', { class: 'order', 'data-order-id': order.id },
                el('h1', {}, 'Order of ' + date(order.createdAt)),
                el('p', {}, 'Status: ', el('strong', { id: 'order-status', class: 'status ' + order.status.toLowerCase() },
                    ORDER_STATUS[order.status])),
                el('ul', { id: 'order-lines' }, lines),
                el('p', { class: 'total' }, 'Total ', el('strong', {}, money(order.total))),
                el('p', {}, 'Ship to: ' + [a.name, a.line1, a.line2, a.city, a.region, a.postalCode, a.country]
                    .filter(Boolean).join(', ')),
                order.paymentStatus ? el('p', { id: 'payment-status' }, PAYMENT_STATUS[order.paymentStatus] || order.paymentStatus) : null,
                el('h2', {}, 'Shipments'),
                shipments.length ? el('ul', { id: 'shipments' }, shipments)
                    : el('p', { id: 'shipments' }, order.status === 'CANCELLED' ? 'None.' : 'Waiting for a warehouse.'),
                cancellable ? el('button', {
                    type: 'button', id: 'cancel-order', onclick: async () => {
                        try {
                            await api('POST', '/api/v1/orders/' + order.id + '/cancel');
                            await render();
                            say('Your order is cancelled and your payment is being given back.');
                        } catch (e) {
                            fail(e);
                            await render();
                        }
                    },
                }, 'Cancel order') : null,
                el('p', {}, el('a', { href: '#/orders' }, 'All my orders'))));
            return order;
        };
        const order = await render();
        if (order.status !== 'SHIPPED' && order.status !== 'CANCELLED') {
            every(5000, () => render().catch(fail));
        }
    }

    // ------------------------------------------------------------------ navigation

    async function route() {
        timers.forEach(clearInterval);
        timers = [];
        visit++;
        say(flash);
        flash = '';
        const [path, query] = location.hash.replace(/^#/, '').split('?');
        const parts = (path || '/').split('/').filter(Boolean);
        const view = parts[0] === 'orders' && parts[1] ? 'order'
            : parts[0] === 'orders' ? 'orders' : VIEWS.includes(parts[0]) ? parts[0] : 'search';
        VIEWS.forEach(v => $('view-' + v).hidden = v !== view);
        document.querySelectorAll('nav a').forEach(a => a.removeAttribute('aria-current'));
        const current = { search: 'nav-search', cart: 'nav-cart', orders: 'nav-orders', order: 'nav-orders' }[view];
        if (current) {
            $(current).setAttribute('aria-current', 'page');
        }
        try {
            switch (view) {
                case 'item': return await showItem(parts[1]);
                case 'cart': return await showCart();
                case 'checkout': return await showCheckout();
                case 'orders': return await showOrders();
                case 'order': return await showOrder(parts[1]);
                default: return await showSearch(new URLSearchParams(query || ''));
            }
        } catch (e) {
            fail(e);
        }
    }

    const suggestions = Shop.suggestBox($('q'), $('suggestions'), suggestion => go('#/item/' + suggestion.itemId));
    $('search-form').addEventListener('submit', event => {
        event.preventDefault();
        suggestions.close();
        const params = new URLSearchParams();
        const values = { q: $('q').value.trim(), sort: $('sort').value, min: $('min-price').value, max: $('max-price').value };
        Object.entries(values).forEach(([k, v]) => {
            if (v && !(k === 'sort' && v === 'relevance')) {
                params.set(k, v);
            }
        });
        go('#/search?' + params);
    });
    $('sort').addEventListener('change', () => $('search-form').requestSubmit());
    $('more-results').addEventListener('click', () => moreResults().catch(fail));
    $('more-orders').addEventListener('click', () => moreOrders().catch(fail));
    $('sign-in-toggle').addEventListener('click', () => openSignIn($('sign-in').hidden));
    $('sign-out').addEventListener('click', async () => {
        Shop.setToken(null);
        await showAccount();
        go('#/');
    });
    window.addEventListener('hashchange', route);
    showAccount().then(route);
})();
