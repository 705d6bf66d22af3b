import { Body, Controller, Get, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply } from 'fastify';
import { Public } from '../core/auth/roles.js';
import { APP_CONFIG } from '../core/config/config.module.js';
import type { AppConfig } from '../core/config/config.schema.js';
import { ProblemError } from '../core/errors/problem.js';
import { ActionCsrf } from './action-csrf.js';
import { actionsBaseUrl, EmailActionLinks } from './action-links.js';
import { PAGE_CSP, renderActionPage, renderNoticePage, renderProblemPage } from './action-pages.js';
import { ActionTokenError, type ActionGrant } from './action-token.js';
import { ActionInputError, EmailActionsService, labelOf } from './email-actions.service.js';
import { languageOf, type PageLanguage } from './page-messages.js';

/** Per client address: plenty for a person clicking through their email, little for a script. */
const rateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

/**
 * The pages behind the links in reminder emails. No API key: the signed token is the credential. A GET
 * only shows (mail scanners open links); the form's POST, with its CSRF pair, acts. A POST with RFC 8058's
 * `List-Unsubscribe=One-Click` body to an unsubscribe link acts without a form: mail clients send it.
 */
@Public()
@ApiExcludeController()
@Controller('actions')
export class EmailActionsController {
  private readonly csrf: ActionCsrf;
  private readonly secureCookie: boolean;
  private readonly base: string;

  constructor(
    private readonly actions: EmailActionsService,
    private readonly links: EmailActionLinks,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.csrf = new ActionCsrf(config.ACTION_SECRET);
    this.base = actionsBaseUrl(config);
    this.secureCookie = this.base.startsWith('https:');
  }

  @Get(':token')
  @RouteConfig(rateLimit)
  async show(
    @Param('token') token: string,
    @Headers('accept-language') accept: string | undefined,
    @Headers('cookie') cookies: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const language = languageOf(accept);
    const grant = this.grantOf(token, language, reply);
    if (!grant) return;
    await this.page(reply, 200, grant, token, language, this.cookieOf(cookies, reply));
  }

  @Post(':token')
  @RouteConfig(rateLimit)
  async submit(
    @Param('token') token: string,
    @Body() body: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Headers('cookie') cookies: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const language = languageOf(accept);
    const grant = this.grantOf(token, language, reply);
    if (!grant) return;
    const form = formOf(body);
    const oneClick = grant.action === 'unsubscribe' && form['List-Unsubscribe'] === 'One-Click';
    const cookie = cookies ? parseCookie(cookies)[ActionCsrf.COOKIE] : undefined;
    if (!oneClick && !this.csrf.matches(cookie, token, form.csrf)) return html(reply, 403, renderProblemPage(language, 'formExpired'));
    try {
      await this.actions.act(grant, oneClick ? { scope: 'COMMITMENT' } : form);
    } catch (error: unknown) {
      if (error instanceof ActionInputError) return this.page(reply, 400, grant, token, language, cookie!, error.errors, form);
      if (error instanceof ProblemError && error.status === 404) return html(reply, 404, renderProblemPage(language, 'notFound'));
      if (error instanceof ProblemError && error.status < 500) return this.page(reply, error.status, grant, token, language, cookie!, [error.message], form);
      throw error;
    }
    if (oneClick) return html(reply, 200, renderNoticePage(language, 'unsubscribe'));
    // Post/Redirect/Get: the link itself now shows what was done.
    return reply.status(303).header('Location', `${this.base}/actions/${token}`).send();
  }

  private grantOf(token: string, language: PageLanguage, reply: FastifyReply): ActionGrant | null {
    try {
      return this.links.tokens.verify(token);
    } catch (error: unknown) {
      if (!(error instanceof ActionTokenError)) throw error;
      void html(reply, error.problem === 'expired' ? 410 : 400, renderProblemPage(language, error.problem === 'expired' ? 'linkExpired' : 'linkInvalid'));
      return null;
    }
  }

  private cookieOf(cookies: string | undefined, reply: FastifyReply): string {
    const existing = cookies ? parseCookie(cookies)[ActionCsrf.COOKIE] : undefined;
    if (existing && /^[\w-]{22}$/.test(existing)) return existing;
    const value = this.csrf.newCookieValue();
    void reply.header(
      'Set-Cookie',
      stringifySetCookie({ name: ActionCsrf.COOKIE, value, path: '/actions', httpOnly: true, sameSite: 'strict', secure: this.secureCookie, maxAge: 86_400 }),
    );
    return value;
  }

  private async page(
    reply: FastifyReply,
    status: number,
    grant: ActionGrant,
    token: string,
    language: PageLanguage,
    cookie: string,
    errors?: string[],
    values?: Record<string, string>,
  ) {
    const view = await this.actions.view(grant);
    if (!view) return html(reply, 404, renderProblemPage(language, 'notFound'));
    return html(
      reply,
      status,
      renderActionPage({
        language,
        action: grant.action,
        title: view.commitment.title,
        deadlineLabel: labelOf(view.commitment),
        status: view.commitment.status,
        timeZone: view.person.timeZone,
        receipt: view.receipt,
        csrf: this.csrf.formValue(cookie, token),
        errors,
        values,
      }),
    );
  }
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Referrer-Policy', 'no-referrer')
    .header('Content-Security-Policy', PAGE_CSP)
    .send(body);
}

function formOf(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
