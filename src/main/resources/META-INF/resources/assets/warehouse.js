/*
 * The warehouse console (warehouse/index.html): the warehouse's new and acknowledged orders, pulled every few
 * seconds, to acknowledge and ship; its stock, with receipts and write-offs. Staff act for the warehouse their token
 * names; an admin picks one.
 */
'use strict';

(() => {
    const { api, el, say, fail } = Shop;
    const POLL_MS = 3000;
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const names = new Map();
    const $ = id => document.getElementById(id);
    let warehouseId = null;
    let poller = null;
    let stockCursor = null;
    let newCount = 0;
    /** The picked item of the report form, and the eventId kept while a report is retried after a network failure. */
    let pickedItem = null;
    let eventId = null;

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

    const base = () => '/api/v1/warehouses/' + warehouseId;

    // ------------------------------------------------------------------ orders

    async function loadOrders() {
        const [fresh, acknowledged] = await Promise.all(['NEW', 'ACKNOWLEDGED'].map(status =>
            api('GET', base() + '/orders?limit=100&status=' + status)));
        $('orders-new').replaceChildren(...await Promise.all(fresh.items.map(order => orderCard(order, true))));
        $('orders-acknowledged').replaceChildren(...await Promise.all(acknowledged.items.map(order => orderCard(order, false))));
        if (fresh.items.length === 0 && acknowledged.items.length === 0) {
            $('orders-summary').textContent = 'Nothing to ship right now. New orders appear here by themselves.';
        } else if (fresh.items.length !== newCount) {
            $('orders-summary').textContent = fresh.items.length + ' new order' + (fresh.items.length === 1 ? '' : 's')
                + ', ' + acknowledged.items.length + ' acknowledged.';
        }
        newCount = fresh.items.length;
    }

    async function orderCard(order, isNew) {
        const a = order.shippingAddress;
        const lines = await Promise.all(order.lines.map(async line =>
            el('li', {}, line.quantity + ' × ' + (await nameOf(line.itemId)))));
        const act = (action, done) => async () => {
            try {
                await api('POST', base() + '/orders/' + order.id + '/' + action);
                say(done);
            } catch (e) {
                fail(e);
            }
            await Promise.all([loadOrders(), loadStock(false)]).catch(fail);
        };
        const label = 'order ' + order.id.slice(0, 8);
        return el('li', { class: 'card warehouse-order', 'data-order-id': order.id, 'data-parent-order-id': order.parentOrderId },
            el('h3', {}, 'Order ' + order.id.slice(0, 8) + ', received ' + new Date(order.createdAt).toLocaleString()),
            el('ul', {}, lines),
            el('p', {}, 'Ship to: ' + [a.name, a.line1, a.line2, a.city, a.region, a.postalCode, a.country]
                .filter(Boolean).join(', ')),
            el('div', { class: 'row' },
                isNew ? el('button', {
                    type: 'button', class: 'acknowledge', 'aria-label': 'Acknowledge ' + label,
                    onclick: act('acknowledge', 'Acknowledged ' + label + '.'),
                }, 'Acknowledge') : null,
                el('button', {
                    type: 'button', class: 'ship primary', 'aria-label': 'Ship ' + label,
                    onclick: act('ship', 'Shipped ' + label + '.'),
                }, 'Ship')));
    }

    // ------------------------------------------------------------------ stock

    async function loadStock(more) {
        if (!more) {
            stockCursor = null;
            $('stock-rows').replaceChildren();
        }
        const page = await api('GET', base() + '/stock?limit=50' + (stockCursor ? '&cursor=' + encodeURIComponent(stockCursor) : ''));
        stockCursor = page.nextCursor;
        $('stock-rows').append(...await Promise.all(page.items.map(async row => {
            const name = await nameOf(row.itemId);
            return el('tr', { 'data-item-id': row.itemId },
                el('th', { scope: 'row' }, name),
                el('td', { class: 'physical' }, row.physicalStock),
                el('td', { class: 'available' }, row.availableStock),
                el('td', {}, el('button', {
                    type: 'button', 'aria-label': 'Report on ' + name, onclick: () => pick({ itemId: row.itemId, text: name }),
                }, 'Report')));
        })));
        $('more-stock').hidden = !stockCursor;
    }

    function pick(item) {
        pickedItem = item;
        eventId = null;
        $('report-item').value = item.text;
        $('report-quantity').focus();
    }

    async function report(kind) {
        const typed = $('report-item').value.trim();
        const itemId = pickedItem && pickedItem.text === typed ? pickedItem.itemId : UUID.test(typed) ? typed : null;
        if (!itemId) {
            say('Pick the item from the suggestions, or paste its id.', true);
            return;
        }
        const quantity = parseInt($('report-quantity').value, 10);
        const body = { quantity, eventId: eventId = eventId || Shop.uuid() };
        if (kind === 'losses') {
            body.reason = $('report-reason').value.trim();
            if (!body.reason) {
                say('Say why the stock is written off.', true);
                return;
            }
        }
        try {
            const result = await api('POST', base() + '/stock/' + itemId + '/' + kind, body);
            eventId = null;
            say((kind === 'receipts' ? 'Received ' : 'Wrote off ') + quantity + ' × ' + await nameOf(itemId) + ': '
                + result.physicalStock + ' on the shelves, ' + result.availableStock + ' available.');
            await loadStock(false);
        } catch (e) {
            if (e.status !== 0) {
                eventId = null; // a definitive answer: the next report is a new event
            }
            fail(e);
        }
    }

    // ------------------------------------------------------------------ sign-in and start

    async function chooseWarehouse() {
        const role = await Shop.role();
        const claims = await Shop.claims();
        $('who').textContent = role ? 'Signed in as ' + role : '';
        $('sign-out').hidden = !role;
        $('sign-in-toggle').hidden = !!role;
        if (role === 'warehouse' && claims.warehouse_id) {
            return claims.warehouse_id;
        }
        if (role === 'admin') {
            const select = $('warehouse-select');
            const page = await api('GET', '/api/v1/warehouses?limit=100');
            select.replaceChildren(...page.items.sort((a, b) => a.name.localeCompare(b.name))
                .map(w => el('option', { value: w.id }, w.name)));
            $('warehouse-choice').hidden = false;
            return select.value || null;
        }
        openSignIn(true);
        say('Sign in as warehouse staff (or as an admin) to use the console.', true);
        return null;
    }

    function openSignIn(open) {
        $('sign-in').hidden = !open;
        $('sign-in-toggle').setAttribute('aria-expanded', String(open));
        if (open) {
            Shop.signInPanel($('sign-in'), ['warehouse', 'admin'], () => {
                openSignIn(false);
                say('');
                start();
            });
        }
    }

    async function start() {
        clearInterval(poller);
        try {
            warehouseId = await chooseWarehouse();
            $('console').hidden = !warehouseId;
            if (warehouseId) {
                await Promise.all([loadOrders(), loadStock(false)]);
                poller = setInterval(() => loadOrders().catch(fail), POLL_MS);
            }
        } catch (e) {
            fail(e);
        }
    }

    $('warehouse-select').addEventListener('change', () => {
        warehouseId = $('warehouse-select').value;
        newCount = 0;
        Promise.all([loadOrders(), loadStock(false)]).catch(fail);
    });
    $('report-form').addEventListener('submit', event => {
        event.preventDefault();
        report(event.submitter ? event.submitter.value : 'receipts');
    });
    $('report-item').addEventListener('input', () => {
        eventId = null;
    });
    $('more-stock').addEventListener('click', () => loadStock(true).catch(fail));
    $('sign-in-toggle').addEventListener('click', () => openSignIn($('sign-in').hidden));
    $('sign-out').addEventListener('click', () => {
        Shop.setToken(null);
        clearInterval(poller);
        $('console').hidden = true;
        start();
    });
    Shop.suggestBox($('report-item'), $('report-item-suggestions'), pick);
    start();
})();
