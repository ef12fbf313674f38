import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LabAppContext, RunningLabApp } from '../../src/portals/definition';
import { loadInvoices, loadPaymentCards, type Invoice, type PaymentCard } from '../../pages/m365/data';
import { paymentsApp } from '../payments/app';
import { CheckoutLedger } from '../payments/checkouts';
import { createApp, listenLab, requireSession, sessionOf } from '../shared/app';
import { ScopedState, SessionStore, labSessionFile } from '../shared/sessions';
import { html, raw, shell, type RawHtml } from '../shared/html';
import { invoicePdf } from './pdf';
import { ACCOUNT_WITHOUT_MFA, registerMicrosoftSignIn } from './sign-in';

const PRODUCT = 'Microsoft 365 admin center';
const str = { type: 'string', maxLength: 200 } as const;
const money = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
const total = (i: Invoice) => Math.round((i.charges - i.credits + i.tax) * 100) / 100;

interface Card { holder: string; last4: string; brand: string; expiry: string; isDefault: boolean }
interface M365State { invoices: (Invoice & { amountDue: number })[]; cards: Card[] }

const brandOf = (number: string) => (number.startsWith('4') ? 'Visa' : number.startsWith('5') ? 'Mastercard' : number.startsWith('3') ? 'American Express' : 'Card');
/** Luhn check, as every card form does before contacting the bank. */
export function luhnValid(number: string): boolean {
  let sum = 0;
  [...number].reverse().forEach((d, i) => {
    let n = Number(d) * (i % 2 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  });
  return sum % 10 === 0;
}

/** The admin center and, on another site, the payment provider it embeds. */
export async function startM365Lab(ctx: LabAppContext): Promise<RunningLabApp> {
  const ledger = new CheckoutLedger();
  const data = { invoices: loadInvoices(), paymentCards: loadPaymentCards() };
  // 127.0.0.1 is a different *site* from localhost as far as the browser is concerned.
  const paymentsOrigin = `http://127.0.0.1:${ctx.helperPorts.payments}`;
  const m365 = await listenLab(await m365App({ ...ctx, ...data, paymentsOrigin }, ledger), ctx);
  try {
    const payments = await listenLab(await paymentsApp({ mode: ctx.mode, down: ctx.down, m365Origin: ctx.origin, paymentCards: data.paymentCards }, ledger),
      { host: '127.0.0.1', port: ctx.helperPorts.payments! });
    return { close: async () => void (await Promise.all([m365.close(), payments.close()])) };
  } catch (error) {
    await m365.close();
    throw error;
  }
}

/**
 * The invoice summary folds away with an animated height. Broken mode animates to `calc-size(auto, size)`,
 * which Firefox ESR 153 does not implement (measured: the declaration is dropped, the panel keeps height 0 and
 * its overflow is hidden) — every field is still in the page, so the task passes, but nobody sees the summary.
 * Fixed mode opts in with `interpolate-size` and animates to `auto`: where that is not implemented the panel
 * simply opens without animation.
 */
function summaryPanelCss(mode: string): string {
  const open = mode === 'fixed' ? '#invoice-summary.open { height: auto; } :root { interpolate-size: allow-keywords; }' : '#invoice-summary.open { height: calc-size(auto, size); }';
  return `#invoice-summary { height: 0; overflow: hidden; transition: height .2s ease; } ${open}
button.link { background: none; border: 0; color: #0f6cbd; padding: 0; margin-bottom: 8px; cursor: pointer; }`;
}

interface M365LabContext extends LabAppContext { invoices: Invoice[]; paymentCards: PaymentCard[]; paymentsOrigin: string }

export async function m365App(ctx: M365LabContext, ledger: CheckoutLedger): Promise<FastifyInstance> {
  const app = await createApp({ mode: ctx.mode, down: ctx.down, product: PRODUCT, tls: ctx.tls });
  const sessions = new SessionStore('m365_session', labSessionFile('m365_session', ctx.port));
  const states = new ScopedState<M365State>(() => ({
    invoices: ctx.invoices.map((i) => ({ ...i, amountDue: i.status === 'paid' ? 0 : total(i) })),
    cards: ctx.paymentCards.slice(0, 1).map((c) => ({ holder: c.holder, last4: c.number.slice(-4), brand: brandOf(c.number), expiry: c.expiry, isDefault: true })),
  }));
  const auth = { preValidation: requireSession(sessions) };
  const view = (req: FastifyRequest, title: string, body: RawHtml, script?: string) =>
    shell({ title, product: PRODUCT, accent: '#0f6cbd', user: sessionOf(req).user, body, script, nav: html`<nav class="side" aria-label="Admin navigation"><h2>Billing</h2>
      <a href="/billing/bills/invoices">Bills &amp; payments</a><a href="/billing/bills/payment-methods">Payment methods</a></nav>` });
  const tabs = (selected: 'invoices' | 'payment-methods') => html`<h2>Bills &amp; payments</h2><div class="tabs" role="tablist">
    <a role="tab" href="/billing/bills/invoices" aria-selected="${selected === 'invoices'}">Invoices</a>
    <a role="tab" href="/billing/bills/payment-methods" aria-selected="${selected === 'payment-methods'}">Payment methods</a></div>`;
  const invoiceOf = (req: FastifyRequest) => states.for(req).invoices.find((i) => i.invoice === (req.params as { invoice: string }).invoice);

  // Microsoft's multi-screen sign-in in front of the admin center: the configured account (with MFA when it has a
  // TOTP secret) and a built-in account without MFA.
  registerMicrosoftSignIn(app, sessions, [
    { email: ctx.credentials.username, password: ctx.credentials.password, totpSecret: ctx.credentials.totpSecret },
    ACCOUNT_WITHOUT_MFA,
  ]);
  app.get('/', auth, async (_req, reply) => reply.redirect('/billing/bills/invoices'));

  app.get('/billing/bills/invoices', auth, async (req, reply) => {
    const { invoices } = states.for(req);
    return reply.type('text/html').send(view(req, 'Bills & payments', html`${tabs('invoices')}
      <label for="range">Date range</label><select id="range"><option>Past 3 months</option><option>Past 6 months</option><option selected>Past 12 months</option></select>
      <table aria-label="Invoices" style="margin-top:12px"><thead><tr><th>Invoice number</th><th>Invoice date</th><th>Billing period</th><th>Total amount</th><th>Amount due</th><th>Status</th></tr></thead>
      <tbody>${invoices.map((i) => html`<tr><td><a href="/billing/invoices/${i.invoice}">${i.invoice}</a></td><td>${i.invoice_date}</td><td>${i.billing_period}</td><td>${money(total(i))}</td><td>${money(i.amountDue)}</td><td>${i.amountDue === 0 ? 'Paid' : 'Due'}</td></tr>`)}</tbody></table>`));
  });

  app.get('/billing/invoices/:invoice', auth, async (req, reply) => {
    const i = invoiceOf(req);
    if (!i) return reply.code(404).type('text/html').send(view(req, 'Invoice not found', html`<h2>Invoice not found</h2>`));
    const summary: [string, string][] = [
      ['Sold to', 'Contoso Ltd.'], ['Bill to', 'Contoso Ltd., 1 Main St, Redmond WA'], ['Billing profile', 'Contoso billing profile'],
      ['Invoice number', i.invoice], ['Invoice date', i.invoice_date], ['Billing period', i.billing_period], ['Payment terms', 'Net 30 days'],
      ['Charges', money(i.charges)], ['Credits', money(i.credits ? -i.credits : 0)], ['Subtotal', money(i.charges - i.credits)], ['Tax', money(i.tax)],
      ['Total amount', money(total(i))], ['Amount due', money(i.amountDue)],
    ];
    return reply.type('text/html').send(view(req, `Invoice ${i.invoice}`, html`<style>${raw(summaryPanelCss(ctx.mode))}</style>
      <h2 id="summary-title">Invoice summary</h2>
      <div class="card"><button type="button" class="link" id="summary-toggle" aria-expanded="true" aria-controls="invoice-summary">Hide summary</button>
      <section class="open" id="invoice-summary" aria-labelledby="summary-title"><dl class="summary" aria-label="Invoice summary">${summary.map(([k, v]) => html`<dt>${k}</dt><dd data-field="${k}">${v}</dd>`)}</dl></section>
      <div class="actions"><a class="button secondary" href="/billing/invoices/${i.invoice}/pdf" download>Download PDF</a>
      ${i.amountDue > 0 ? html`<button type="button" id="pay-now">Pay now</button>` : ''}</div></div>
      <div id="payment-result"></div>
      <section id="payment" class="card" hidden aria-label="Pay your balance"><h3>Pay your balance</h3>
        <p class="muted">Your card details are entered on our payment provider's secure form.</p>
        <iframe title="Payment provider" id="payment-frame" style="width:100%;max-width:460px;height:430px;border:1px solid #d0d7de;border-radius:4px"></iframe></section>`, `
const invoice = ${JSON.stringify(i.invoice)};
document.getElementById('summary-toggle').addEventListener('click', (event) => {
  const open = document.getElementById('invoice-summary').classList.toggle('open');
  event.target.setAttribute('aria-expanded', String(open));
  event.target.textContent = open ? 'Hide summary' : 'Show summary';
});
const result = document.getElementById('payment-result');
function show(role, message) { result.innerHTML = ''; const div = document.createElement('div'); div.setAttribute('role', role); div.className = role === 'alert' ? 'error' : 'ok'; div.textContent = message; result.append(div); }
document.getElementById('pay-now')?.addEventListener('click', async () => {
  const res = await fetch('/api/invoices/' + invoice + '/checkout', { method: 'POST' });
  const body = await res.json();
  if (!res.ok) return show('alert', 'Payment failed: ' + body.error);
  document.getElementById('payment').hidden = false;
  document.getElementById('payment-frame').src = body.frameUrl;
});
window.addEventListener('message', async (event) => {
  if (event.origin !== ${JSON.stringify(ctx.paymentsOrigin)} || event.data?.type !== 'payment-result') return;
  if (event.data.status !== 'approved') return show('alert', event.data.message);
  const res = await fetch('/api/invoices/' + invoice + '/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checkout: event.data.checkout }) });
  const body = await res.json();
  if (!res.ok) return show('alert', 'Payment failed: ' + body.error);
  document.querySelector('[data-field="Amount due"]').textContent = body.amountDue;
  document.getElementById('payment').hidden = true;
  document.getElementById('pay-now').remove();
  show('status', 'Payment successful. Your invoice is paid.');
});`));
  });

  app.get('/billing/invoices/:invoice/pdf', auth, async (req, reply) => {
    const i = invoiceOf(req);
    if (!i) return reply.code(404).send({ error: 'Invoice not found' });
    const pdf = await invoicePdf([['Invoice number', i.invoice], ['Invoice date', i.invoice_date], ['Billing period', i.billing_period],
      ['Total amount', money(total(i))], ['Amount due', money(i.amountDue)]], `Invoice ${i.invoice}`);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="Invoice_${i.invoice}.pdf"`).send(Buffer.from(pdf));
  });

  app.post('/api/invoices/:invoice/checkout', auth, async (req, reply) => {
    const i = invoiceOf(req);
    if (!i) return reply.code(404).send({ error: 'Invoice not found' });
    if (i.amountDue <= 0) return reply.code(409).send({ error: 'This invoice is already paid.' });
    const frameUrl = new URL('/checkout/start', ctx.paymentsOrigin);
    if (ctx.mode === 'fixed') {
      frameUrl.searchParams.set('checkout', ledger.open(i.invoice, i.amountDue).id);
    } else {
      frameUrl.searchParams.set('invoice', i.invoice);
      frameUrl.searchParams.set('amount', String(i.amountDue));
    }
    return { frameUrl: frameUrl.href };
  });
  app.post('/api/invoices/:invoice/payments', { ...auth, schema: { body: { type: 'object', required: ['checkout'], properties: { checkout: str } } } }, async (req, reply) => {
    const i = invoiceOf(req);
    if (!i) return reply.code(404).send({ error: 'Invoice not found' });
    const captured = ledger.capture((req.body as { checkout: string }).checkout, i.invoice);
    if (!captured) return reply.code(409).send({ error: 'The payment provider did not confirm this payment.' });
    i.amountDue = Math.max(0, Math.round((i.amountDue - captured.amount) * 100) / 100);
    return { amountDue: money(i.amountDue) };
  });

  // Payment methods
  app.get('/billing/bills/payment-methods', auth, async (req, reply) => {
    const { cards } = states.for(req);
    const q = req.query as { message?: string };
    return reply.type('text/html').send(view(req, 'Payment methods', html`${tabs('payment-methods')}
      ${q.message ? html`<div role="status" class="ok">${q.message}</div>` : ''}
      <table aria-label="Payment methods"><thead><tr><th>Payment method</th><th>Cardholder</th><th>Expires</th><th>Default</th></tr></thead>
      <tbody>${cards.map((c) => html`<tr><td>${c.brand} ending in ${c.last4}</td><td>${c.holder}</td><td>${c.expiry}</td><td>${c.isDefault ? 'Default' : ''}</td></tr>`)}</tbody></table>
      <div class="actions"><a class="button" href="/billing/bills/payment-methods/add">Add a payment method</a>
      <a class="button secondary" href="/billing/bills/payment-methods/replace">Replace payment method</a></div>`));
  });
  const addForm = (req: FastifyRequest, error?: string) => view(req, 'Add a payment method', html`<h2>Add a payment method</h2>
    ${error ? html`<div role="alert" class="error">${error}</div>` : ''}
    <form method="post" action="/billing/bills/payment-methods/add" class="card">
      <label for="holder">Cardholder name</label><input id="holder" name="holder">
      <label for="number">Card number</label><input id="number" name="number" inputmode="numeric">
      <label for="expiry">Expiration date (MM/YY)</label><input id="expiry" name="expiry">
      <label for="cvc">Security code</label><input id="cvc" name="cvc" inputmode="numeric">
      <div class="actions"><button type="submit">Save</button><a class="button secondary" href="/billing/bills/payment-methods">Cancel</a></div></form>`);
  app.get('/billing/bills/payment-methods/add', auth, async (req, reply) => reply.type('text/html').send(addForm(req)));
  app.post('/billing/bills/payment-methods/add', { ...auth, schema: { body: { type: 'object', properties: { holder: str, number: str, expiry: str, cvc: str } } } }, async (req, reply) => {
    const b = req.body as Record<string, string | undefined>;
    const number = (b.number ?? '').replace(/\s+/g, '');
    const fail = (m: string) => reply.code(400).type('text/html').send(addForm(req, m));
    if (!b.holder?.trim()) return fail('Enter the cardholder name.');
    if (!/^\d{13,19}$/.test(number) || !luhnValid(number)) return fail('Enter a valid card number.');
    if (!/^(0[1-9]|1[0-2])\/\d{2}$/.test(b.expiry ?? '')) return fail('Enter the expiration date as MM/YY.');
    if (!/^\d{3,4}$/.test(b.cvc ?? '')) return fail('Enter the security code.');
    const { cards } = states.for(req);
    if (cards.some((c) => c.last4 === number.slice(-4) && c.expiry === b.expiry)) return fail('This payment method is already on your account.');
    cards.push({ holder: b.holder.trim(), last4: number.slice(-4), brand: brandOf(number), expiry: b.expiry!, isDefault: false });
    return reply.redirect(`/billing/bills/payment-methods?message=${encodeURIComponent(`${brandOf(number)} ending in ${number.slice(-4)} was added.`)}`, 303);
  });
  app.get('/billing/bills/payment-methods/replace', auth, async (req, reply) => {
    const { cards } = states.for(req);
    return reply.type('text/html').send(view(req, 'Replace payment method', html`<h2>Replace payment method</h2>
      <form method="post" action="/billing/bills/payment-methods/replace" class="card"><fieldset><legend>Choose the payment method to use for this billing account</legend>
      ${cards.map((c, i) => html`<label><input type="radio" name="card" value="${i}" ${c.isDefault ? 'checked' : ''}> ${c.brand} ending in ${c.last4}</label>`)}</fieldset>
      <div class="actions"><button type="submit">Replace</button></div></form>`));
  });
  app.post('/billing/bills/payment-methods/replace', { ...auth, schema: { body: { type: 'object', required: ['card'], properties: { card: { type: 'string', pattern: '^\\d{1,3}$' } } } } }, async (req, reply) => {
    const { cards } = states.for(req);
    const chosen = cards[Number((req.body as { card: string }).card)];
    if (!chosen) return reply.code(400).send({ error: 'Choose one of your payment methods.' });
    cards.forEach((c) => { c.isDefault = c === chosen; });
    return reply.redirect(`/billing/bills/payment-methods?message=${encodeURIComponent(`${chosen.brand} ending in ${chosen.last4} is now the default payment method.`)}`, 303);
  });
  return app;
}
