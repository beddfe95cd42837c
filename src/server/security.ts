// Middleware that protects the server: security headers (a CSP that lets the page run its own
// scripts, WebAssembly and Web Audio but nothing from elsewhere), a per-address rate limit on
// the API (a fixed one-minute window), and a time-out for requests that take too long.
import type { NextFunction, Request, Response } from 'express';

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'", // abcjs writes style attributes on its SVG
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:", // Tone.js runs its clock and worklets from blob: URLs
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  next();
}

/** Sends a JSON error `{error}` unless a response has already started. */
export function sendError(res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  res.status(status).json({ error: message });
}

/** At most `perMinute` requests per client address per minute (0 = no limit). */
export function rateLimit(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (perMinute <= 0) return next();
    const now = Date.now();
    const key = req.ip ?? 'unknown';
    let w = windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear(); // bounded memory under a flood of addresses
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    if (++w.count > perMinute) {
      res.setHeader('Retry-After', String(Math.ceil((w.start + 60_000 - now) / 1000)));
      return sendError(res, 429, `too many requests: at most ${perMinute} a minute`);
    }
    next();
  };
}

/** Answers 503 if no response has started within `seconds` (streams count as started). */
export function requestTimeout(seconds: number) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const timer = setTimeout(() => sendError(res, 503, `request timed out after ${seconds} s`), seconds * 1000);
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
