/** JMH benchmarks of coupon validation, best combination and redemption. */
package dev.o2o.benchmarks.coupon;
