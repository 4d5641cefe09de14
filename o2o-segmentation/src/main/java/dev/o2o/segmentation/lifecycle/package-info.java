/** Lifecycle stages (new, active, sleeping, churned, won back) and value tiers by revenue share. */
package dev.o2o.segmentation.lifecycle;
