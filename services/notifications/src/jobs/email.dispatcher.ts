import type { Logger } from '@taskflow/service-kit/logger';
import type { Metrics } from '@taskflow/service-kit/metrics';
import { startPeriodicJob, type PeriodicJob } from '@taskflow/service-kit/periodic-job';
import type { DispatchReport, EmailDeliveryService } from '../domain/email-delivery.service';

/** `stop()` waits for the round in flight: a send in progress finishes and is marked. */
export type EmailDispatcher = PeriodicJob;

/**
 * Every instance runs one: a round at start (email that came due while the service was down goes
 * out late, not never), then one every `tickMs`, or straight away while rounds come back full.
 * The outbox's claims and leases make the instances cooperate.
 */
export function startEmailDispatcher(opts: {
  delivery: EmailDeliveryService;
  logger: Logger;
  metrics: Metrics;
  tickMs: number;
}): EmailDispatcher {
  const { delivery, logger, metrics } = opts;
  const sent = metrics.counter('notification_emails_sent_total', 'Emails accepted by the SMTP server');
  const failed = metrics.counter(
    'notification_emails_failed_total',
    'Email sends that did not happen and will be retried, by reason',
    ['reason'],
  );
  metrics.gauge('notification_email_queue_depth', 'Notifications waiting to be emailed', () => delivery.pendingCount());

  const record = (report: DispatchReport) => {
    sent.inc(report.sent);
    for (const failure of report.failed) {
      failed.inc({ reason: failure.reason });
      // An open circuit is logged once by the mailer, not once per recipient.
      if (failure.reason !== 'circuit_open') logger.warn(failure, 'email not sent; will retry');
    }
    if (report.sent > 0) logger.info({ sent: report.sent }, 'emails sent');
  };

  return startPeriodicJob({
    name: 'email',
    run: () => delivery.dispatchDue(),
    onResult: (report) => {
      record(report);
      return delivery.wasFull(report);
    },
    logger,
    tickMs: opts.tickMs,
  });
}
