/**
 * Marketing KPIs with their definitions: conversion, funnel, repurchase, cohort retention, AOV,
 * ROI, ROAS, CAC and NPS. Rates estimated from samples carry Wilson score intervals.
 */
package dev.o2o.core.kpi;
