/*
 * What the storefront and the warehouse console share: the bearer token, calls to the API with its errors in plain
 * words, money and stock as people read them, the sign-in panel and the search-as-you-type box.
 *
 * Where the token comes from (docs/UI.md), first match wins:
 *   1. window.storefrontToken, if the site defines it: a string, or a function returning a token or a promise of one
 *      (called before every API call, so a site can hand out refreshed tokens);
 *   2. #access_token=<JWT> in the address, as an identity provider sends a browser back to its redirect URI; it is
 *      moved into this tab's sessionStorage and removed from the address bar;
 *   3. this tab's sessionStorage ('storefront.token'): a dev token picked in the sign-in panel, or a pasted one.
 */
'use strict';

const Shop = (() => {
    const TOKEN_KEY = 'storefront.token';
    /** Below this many units a result says "only N left". */
    const FEW_LEFT = 5;

    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (fragment.has('access_token')) {
        sessionStorage.setItem(TOKEN_KEY, fragment.get('access_token'));
        history.replaceState(null, '', location.pathname + location.search);
    }

    async function token() {
        const hook = window.storefrontToken;
        if (typeof hook === 'function') {
            return await hook();
        }
        return typeof hook === 'string' ? hook : sessionStorage.getItem(TOKEN_KEY);
    }

    function setToken(value) {
        if (value) {
            sessionStorage.setItem(TOKEN_KEY, value.trim());
        } else {
            sessionStorage.removeItem(TOKEN_KEY);
        }
    }

    /** The token's claims (not verified here: the service verifies every call), or null without a readable token. */
    async function claims() {
        const value = await token();
        try {
            const payload = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
            return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
        } catch (e) {
            return null;
        }
    }

    async function role() {
        const c = await claims();
        return c && Array.isArray(c.groups) && c.groups.length === 1 ? c.groups[0] : null;
    }

    /** The API's problem codes in words a shopper or a warehouse clerk understands. */
    const PLAIN = {
        VALIDATION_FAILED: p => 'Please check ' + (p.field && p.field !== 'body' ? 'the ' + fieldName(p.field) : 'what you entered')
            + ': ' + (p.detail || 'it is not valid') + '.',
        UNAUTHORIZED: () => 'Please sign in first (or sign in again: your sign-in may have expired).',
        PAYMENT_DECLINED: () => 'Your payment was declined. Your items stay reserved: try another card.',
        FORBIDDEN: () => 'You are signed in with a role that may not do this.',
        NOT_FOUND: () => 'That could not be found. It may have been removed.',
        OUT_OF_STOCK: p => p.available !== undefined
            ? (p.available === 0 ? 'Sorry, that is out of stock now.' : 'Sorry, only ' + p.available + ' left in stock.')
            : 'Sorry, nothing in your cart is in stock in the quantity you want.',
        CART_EMPTY: () => 'Your cart is empty.',
        CART_FULL: () => 'Your cart is full: remove something before adding more items.',
        CHECKOUT_ACTIVE: () => 'You have a checkout in progress: finish or cancel it before changing your cart.',
        CHECKOUT_EXPIRED: () => 'Your reservation expired. Start the checkout again to reserve your items.',
        CHECKOUT_NOT_ACTIVE: () => 'This checkout is already finished or cancelled.',
        ORDER_NOT_CANCELLABLE: () => 'This order can no longer be cancelled: part of it has shipped.',
        WAREHOUSE_ORDER_CANCELLED: () => 'The customer cancelled this order: do not ship it.',
        WAREHOUSE_ORDER_SHIPPED: () => 'This order has already shipped.',
        INSUFFICIENT_STOCK: () => 'There is not that much stock to write off (the rest is promised to customers).',
        EVENT_ID_REUSED: () => 'This report was already sent with different numbers. Please send it again.',
        IDEMPOTENCY_KEY_REUSED: () => 'This order was already sent with different details. Please submit it again.',
        SERVICE_UNAVAILABLE: () => 'The shop is briefly unavailable. Please try again in a few seconds.',
        INTERNAL_ERROR: p => 'Something went wrong on our side. If it keeps happening, quote reference ' + p.reference + '.',
    };

    function fieldName(field) {
        return field.replace(/^shippingAddress\./, '').replace(/([A-Z])/g, ' $1').toLowerCase();
    }

    /** An API call that failed, with the problem's meaning in plain words as its message. */
    class ApiError extends Error {
        constructor(status, problem) {
            const plain = PLAIN[problem.code];
            super(plain ? plain(problem) : (problem.detail || 'The request failed (' + status + ').'));
            this.status = status;
            this.code = problem.code;
            this.problem = problem;
        }
    }

    /** Calls the API; answers the parsed JSON (null for 204), throws an ApiError whose message is plain words. */
    async function api(method, path, body, headers = {}) {
        const bearer = await token();
        const options = { method, headers: { Accept: 'application/json', ...headers } };
        if (bearer) {
            options.headers.Authorization = 'Bearer ' + bearer;
        }
        if (body !== undefined) {
            options.headers['Content-Type'] = 'application/json';
            options.body = JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(path, options);
        } catch (e) {
            throw new ApiError(0, { detail: 'The shop cannot be reached. Check your connection and try again.' });
        }
        if (response.status === 204) {
            return null;
        }
        const text = await response.text();
        let json = null;
        try {
            json = text ? JSON.parse(text) : null;
        } catch (e) {
            json = null;
        }
        if (!response.ok) {
            throw new ApiError(response.status, json && json.code ? json : {});
        }
        return json;
    }

    /** A version 4 UUID; crypto.randomUUID exists only on https and localhost pages. */
    function uuid() {
        const b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
        return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    }

    function money(m) {
        return new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency }).format(m.amount / 100);
    }

    /** "In stock", "Only 3 left", "Out of stock", and a class for its colour. */
    function stock(s) {
        if (!s.inStock || s.available <= 0) {
            return { text: 'Out of stock', kind: 'out' };
        }
        return s.available <= FEW_LEFT ? { text: 'Only ' + s.available + ' left', kind: 'few' } : { text: 'In stock', kind: 'in' };
    }

    /** An element with attributes and children; text is always set as text, never parsed as HTML. */
    function el(tag, attributes = {}, ...children) {
        const node = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes)) {
            if (name.startsWith('on')) {
                node.addEventListener(name.slice(2), value);
            } else if (value === true) {
                node.setAttribute(name, '');
            } else if (value !== false && value !== null && value !== undefined) {
                node.setAttribute(name, value);
            }
        }
        for (const child of children.flat()) {
            if (child !== null && child !== undefined && child !== false) {
                node.append(child instanceof Node ? child : String(child));
            }
        }
        return node;
    }

    /** Shows a message in the page's status line; errors go to the alert line, which screen readers announce. */
    function say(text, isError = false) {
        const info = document.getElementById('message');
        const alert = document.getElementById('error');
        info.textContent = isError ? '' : text;
        alert.textContent = isError ? text : '';
        alert.hidden = !isError;
        info.hidden = isError || !text;
    }

    function fail(e) {
        say(e.message, true);
    }

    /** Whether this service mints dev tokens: the dev endpoint refuses the probe's unknown role (400); elsewhere 404. */
    async function devModeTokens() {
        try {
            return (await fetch('/dev/token?role=-')).status === 400;
        } catch (e) {
            return false;
        }
    }

    async function devToken(query) {
        const response = await fetch('/dev/token?' + new URLSearchParams(query));
        if (!response.ok) {
            throw new ApiError(response.status, await response.json());
        }
        return response.text();
    }

    /** Every warehouse, read with an admin dev token: dev mode's warehouse picker. */
    async function devWarehouses() {
        const admin = await devToken({ role: 'admin' });
        const all = [];
        let cursor = null;
        do {
            const response = await fetch('/api/v1/warehouses?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''),
                { headers: { Authorization: 'Bearer ' + admin } });
            const page = await response.json();
            all.push(...page.items);
            cursor = page.nextCursor;
        } while (cursor && all.length < 1000);
        return all.sort((a, b) => a.name.localeCompare(b.name));
    }

    /**
     * The sign-in panel: in dev mode a button per role (a warehouse picked from a list), everywhere a field for a
     * token from the site's identity provider. roles: which roles this page offers; onChange runs after a sign-in.
     */
    async function signInPanel(panel, roles, onChange) {
        panel.replaceChildren();
        const pasted = el('textarea', { id: 'token-input', rows: 3, autocomplete: 'off', spellcheck: 'false' });
        const useToken = el('button', { type: 'submit' }, 'Use this token');
        panel.append(el('form', {
            class: 'paste-token', onsubmit: event => {
                event.preventDefault();
                setToken(pasted.value);
                onChange();
            },
        }, el('label', { for: 'token-input' }, 'Token from your identity provider'), pasted, useToken));
        if (!(await devModeTokens())) {
            return;
        }
        const dev = el('div', { class: 'dev-sign-in' }, el('p', {}, 'Dev mode: sign in with one click.'));
        const pick = async query => {
            try {
                setToken(await devToken(query));
                onChange();
            } catch (e) {
                fail(e);
            }
        };
        if (roles.includes('customer')) {
            dev.append(el('button', { type: 'button', id: 'dev-customer', onclick: () => pick({ role: 'customer' }) },
                'Sign in as a new customer'));
        }
        if (roles.includes('warehouse')) {
            const select = el('select', { id: 'dev-warehouse-id' });
            dev.append(el('div', { class: 'row' }, el('label', { for: 'dev-warehouse-id' }, 'Warehouse'), select,
                el('button', {
                    type: 'button', id: 'dev-warehouse',
                    onclick: () => pick({ role: 'warehouse', warehouseId: select.value }),
                }, 'Sign in as its staff')));
            devWarehouses().then(list => select.append(...list.map(w => el('option', { value: w.id }, w.name))), fail);
        }
        if (roles.includes('admin')) {
            dev.append(el('button', { type: 'button', id: 'dev-admin', onclick: () => pick({ role: 'admin' }) },
                'Sign in as an admin'));
        }
        panel.prepend(dev);
    }

    /**
     * Search-as-you-type on a text input (the ARIA combobox pattern): completions from the suggest endpoint in a
     * listbox, arrow keys move, Enter or a click picks one (onPick gets {text, itemId}), Escape closes.
     */
    function suggestBox(input, listbox, onPick) {
        let asked = 0;
        let timer = null;
        let active = -1;
        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-controls', listbox.id);
        input.setAttribute('aria-expanded', 'false');
        listbox.setAttribute('role', 'listbox');
        const close = () => {
            listbox.replaceChildren();
            listbox.hidden = true;
            active = -1;
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
        };
        /** Closes the list and drops the answers still on their way (the shopper has moved on). */
        const stop = () => {
            clearTimeout(timer);
            asked++;
            close();
        };
        const highlight = index => {
            const options = listbox.querySelectorAll('[role=option]');
            options.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
            active = index;
            if (options[index]) {
                input.setAttribute('aria-activedescendant', options[index].id);
            }
        };
        const show = suggestions => {
            close();
            suggestions.forEach((s, i) => listbox.append(el('li', {
                role: 'option', id: listbox.id + '-' + i, 'aria-selected': 'false', 'data-item-id': s.itemId,
                onmousedown: event => {
                    event.preventDefault();
                    close();
                    onPick(s);
                },
            }, s.text)));
            listbox.hidden = suggestions.length === 0;
            input.setAttribute('aria-expanded', String(suggestions.length > 0));
            listbox.suggestions = suggestions;
        };
        input.addEventListener('input', () => {
            clearTimeout(timer);
            const q = input.value.trim();
            if (q.length < 2) {
                close();
                return;
            }
            timer = setTimeout(async () => {
                const ask = ++asked;
                try {
                    const answer = await api('GET', '/api/v1/items/suggest?limit=8&q=' + encodeURIComponent(q));
                    if (ask === asked && document.activeElement === input) {
                        show(answer.suggestions);
                    }
                } catch (e) {
                    close(); // suggestions are a convenience: a failure leaves plain search working
                }
            }, 150);
        });
        input.addEventListener('keydown', event => {
            const count = listbox.hidden ? 0 : listbox.children.length;
            if (event.key === 'ArrowDown' && count) {
                event.preventDefault();
                highlight((active + 1) % count);
            } else if (event.key === 'ArrowUp' && count) {
                event.preventDefault();
                highlight((active - 1 + count) % count);
            } else if (event.key === 'Enter' && active >= 0) {
                event.preventDefault();
                const picked = listbox.suggestions[active];
                close();
                onPick(picked);
            } else if (event.key === 'Escape' || event.key === 'Enter') {
                stop();
            }
        });
        input.addEventListener('blur', stop);
        close();
        return { close: stop };
    }

    return { api, ApiError, token, setToken, claims, role, uuid, money, stock, el, say, fail, signInPanel, suggestBox };
})();
