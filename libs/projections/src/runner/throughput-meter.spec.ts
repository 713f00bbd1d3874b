import { ThroughputMeter } from './throughput-meter';

describe('ThroughputMeter', () => {
  let now = 0;
  const meter = () => new ThroughputMeter(10_000, () => now);

  beforeEach(() => (now = 1_000_000));

  it('divides by the time since measuring started while that is shorter than the window', () => {
    const subject = meter();
    now += 2_000;
    subject.record(1_000);
    subject.record(3_000);
    // 4,000 events in 2 s
    expect(subject.perSecond()).toBe(2_000);
  });

  it('forgets what fell out of the window and divides by the whole window', () => {
    const subject = meter();
    now += 2_000;
    subject.record(50_000);
    now += 11_000;
    subject.record(20_000);
    // At 13 s only the second sample (20,000) is within the last 10 s.
    expect(subject.perSecond()).toBe(2_000);
    now += 10_000;
    expect(subject.perSecond()).toBe(0);
  });

  it('starts afresh after reset', () => {
    const subject = meter();
    now += 1_000;
    subject.record(10_000);
    subject.reset();
    now += 500;
    subject.record(100);
    expect(subject.perSecond()).toBe(200);
  });
});
