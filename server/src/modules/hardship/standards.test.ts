import { describe, expect, it } from 'vitest';
import { regionCovers } from './leads.policy.js';
import { reviewDeadlineFrom } from './leads.service.js';
import { relativeLineOf, standardCodesOf } from './standards.service.js';

describe('the regional standard', () => {
  it('is looked up by the county, then its city, then its province', () => {
    expect(standardCodesOf('640381')).toEqual(['640381', '640300', '640000']);
    // A city's or a province's own code is not looked up twice.
    expect(standardCodesOf('640300')).toEqual(['640300', '640000']);
    expect(standardCodesOf('640000')).toEqual(['640000']);
  });

  it('puts the relative line at 1.5 × the line unless the standard names its own', () => {
    expect(relativeLineOf({ monthlyIncomeLineFen: 60_000, relativeIncomeLineFen: null })).toBe(90_000);
    expect(relativeLineOf({ monthlyIncomeLineFen: 33_333, relativeIncomeLineFen: null })).toBe(50_000);
    expect(relativeLineOf({ monthlyIncomeLineFen: 60_000, relativeIncomeLineFen: 70_000 })).toBe(70_000);
  });

  it("is kept by a union whose code covers the region: its own, its city's or its province's", () => {
    expect(regionCovers('640381', '640381')).toBe(true);
    expect(regionCovers('640300', '640381')).toBe(true);
    expect(regionCovers('640000', '640381')).toBe(true);
    expect(regionCovers('640000', '640000')).toBe(true);
    expect(regionCovers('640381', '640300')).toBe(false);
    expect(regionCovers('640300', '640481')).toBe(false);
    expect(regionCovers('610000', '640381')).toBe(false);
    expect(regionCovers('640382', '640381')).toBe(false);
  });

  it('sets the yearly review 12 months on, the same day of the month', () => {
    expect(reviewDeadlineFrom(new Date('2026-03-15T02:00:00Z')).toISOString()).toBe('2027-03-15T02:00:00.000Z');
    expect(reviewDeadlineFrom(new Date('2027-12-31T16:30:00Z')).toISOString()).toBe('2028-12-31T16:30:00.000Z');
  });
});
