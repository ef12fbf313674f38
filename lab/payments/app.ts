import type { FastifyInstance } from 'fastify';
import type { LabMode } from '../../src/portals/definition';
import type { PaymentCard } from '../../pages/m365/data';
import { createApp } from '../shared/app';
import { html, page } from '../shared/html';
import type { CheckoutLedger } from './checkouts';

const PRODUCT = 'Contoso Pay';
const COOKIE = 'pp_checkout';
const money = (n: number) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
const str = { type: 'string', maxLength: 100 } as const;

/**
 * The payment provider: a different *site* (127.0.0.1) whose card form the admin center embeds in an iframe.
 * Broken mode keeps the checkout in a cookie set inside the frame (no Partitioned attribute) — a third-party
 * cookie, which Chromium blocks and Firefox keeps partitioned. Fixed mode carries the checkout token in the
 * frame's URL and form instead (token hand-off), which needs no third-party storage at all.
 */
export interface PaymentsLabContext { mode: LabMode; down: boolean; m365Origin: string; paymentCards: PaymentCard[] }

export async function paymentsApp(ctx: PaymentsLabContext, ledger: CheckoutLedger): Promise<FastifyInstance> {
  const app = await createApp({ mode: ctx.mode, down: ctx.down, product: PRODUCT });
  const frame = (body: ReturnType<typeof html>, script?: string) =>
    page({ title: 'Payment', product: PRODUCT, accent: '#5b3cc4', body: html`<main style="padding:14px">${body}</main>`, script });
  const result = (status: 'approved' | 'failed', message: string, checkout?: string) =>
    frame(html`<div role="${status === 'approved' ? 'status' : 'alert'}" class="${status === 'approved' ? 'ok' : 'error'}">${message}</div>`,
      `parent.postMessage(${JSON.stringify({ type: 'payment-result', status, message, checkout })}, ${JSON.stringify(ctx.m365Origin)});`);

  app.get('/checkout/start', { schema: { querystring: { type: 'object', properties: { invoice: str, amount: str, checkout: str } } } }, async (req, reply) => {
    const q = req.query as { invoice?: string; amount?: string; checkout?: string };
    let checkout = ledger.get(q.checkout);
    if (ctx.mode === 'broken') {
      const amount = Number(q.amount);
      if (!q.invoice || !Number.isFinite(amount) || amount <= 0) return reply.code(400).send({ error: 'invoice and a positive amount are required' });
      checkout = ledger.open(q.invoice, amount);
      // SameSite=None; Secure but no Partitioned: the classic third-party cookie (http://127.0.0.1 counts as secure).
      reply.setCookie(COOKIE, checkout.id, { path: '/', httpOnly: true, sameSite: 'none', secure: true });
    }
    if (!checkout) return reply.code(400).send({ error: 'Unknown checkout' });
    return reply.type('text/html').send(frame(html`<h2 style="font-size:16px">Pay ${money(checkout.amount)} <span class="muted">· invoice ${checkout.invoice}</span></h2>
      <form method="post" action="/checkout/pay">
        ${ctx.mode === 'fixed' ? html`<input type="hidden" name="checkout" value="${checkout.id}">` : ''}
        <label for="holder">Cardholder name</label><input id="holder" name="holder" autocomplete="cc-name">
        <label for="number">Card number</label><input id="number" name="number" inputmode="numeric" autocomplete="cc-number">
        <label for="expiry">Expiration date (MM/YY)</label><input id="expiry" name="expiry" autocomplete="cc-exp">
        <label for="cvc">Security code</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc">
        <div class="actions"><button type="submit">Pay ${money(checkout.amount)}</button></div>
      </form>`));
  });

  app.post('/checkout/pay', { schema: { body: { type: 'object', properties: { holder: str, number: str, expiry: str, cvc: str, checkout: str } } } }, async (req, reply) => {
    const body = req.body as Record<string, string | undefined>;
    const checkout = ledger.get(ctx.mode === 'fixed' ? body.checkout : req.cookies[COOKIE]);
    reply.type('text/html');
    if (!checkout || checkout.status !== 'open') {
      return reply.code(400).send(result('failed', 'Payment failed: your payment session could not be verified (it expired or was blocked by the browser). No charge was made.'));
    }
    const number = (body.number ?? '').replace(/\s+/g, '');
    if (!body.holder?.trim() || !/^\d{13,19}$/.test(number) || !/^(0[1-9]|1[0-2])\/\d{2}$/.test(body.expiry ?? '') || !/^\d{3,4}$/.test(body.cvc ?? '')) {
      return reply.code(400).send(result('failed', 'Payment failed: check the card number, expiration date (MM/YY) and security code.'));
    }
    const card = ctx.paymentCards.find((c) => c.number === number);
    if (card?.outcome === 'declined') {
      checkout.status = 'declined';
      return reply.code(402).send(result('failed', 'Payment failed: your card was declined. Try another payment method.'));
    }
    checkout.status = 'approved';
    return reply.send(result('approved', `Payment of ${money(checkout.amount)} approved.`, checkout.id));
  });
  return app;
}
