package dev.o2o.recommend;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A recommendation algorithm with its parameters: {@link #fit} turns interactions into a
 * {@link Model}. Built-ins come from the static factories.
 *
 * <p>Implementations are immutable and thread-safe; each {@link #fit} call is independent and
 * runs on the calling thread (fitting is one call, not meant to be shared mid-way).
 */
public interface Recommender {

    /** The algorithm's name, for example {@code "ease"}. */
    String name();

    /** The parameters as name → value, for reports. */
    Map<String, Object> params();

    /** Fits a model on the interactions. */
    Model fit(Interactions interactions);

    /** Items by total weight over all customers (the baseline every model is compared with). */
    static Recommender popularity() {
        return new PopularityModel.Algorithm(Optional.empty());
    }

    /**
     * Items by total weight within the customer's group (their home store or region), falling
     * back to the global order for items the group never touched and for customers without a
     * group.
     *
     * @param groupOfCustomer the group of a customer id, empty if unknown
     */
    static Recommender popularityBy(Function<String, Optional<String>> groupOfCustomer) {
        return new PopularityModel.Algorithm(Optional.of(groupOfCustomer));
    }

    /**
     * Item-based k-nearest neighbours with shrunk cosine similarity
     * {@code x_i·x_j / (|x_i| |x_j| + shrink)}; each history item votes for its
     * {@code neighbours} most similar items.
     */
    static Recommender itemKnn(int neighbours, double shrink) {
        return new ItemKnnModel.Algorithm(neighbours, shrink);
    }

    /**
     * EASE (Steck, WWW 2019): the closed-form item-item model with L2 weight λ ≥ 0 and zero diagonal.
     * A fit refuses a pair weight above 10<sup>100</sup> (the squared weights would overflow).
     */
    static Recommender ease(double lambda) {
        return new EaseModel.Algorithm(lambda);
    }

    /**
     * Implicit ALS (Hu, Koren and Volinsky 2008) with confidence 1 + α·r, solved by conjugate
     * gradient (Takács et al. 2011), 3 CG steps per row and sweep, seeded initial factors.
     *
     * @param factors    latent dimensions, from 1 to 46,340; a fit refuses data whose customers or
     *                   items times factors exceed the largest Java array
     * @param alpha      confidence slope, at least 0; a fit refuses a pair whose confidence
     *                   alpha·weight exceeds 10<sup>12</sup> (the solver's float products would overflow)
     * @param lambda     L2 weight, positive
     * @param iterations alternating sweeps, at least 1
     * @param seed       seed of the initial factors
     */
    static Recommender als(int factors, double alpha, double lambda, int iterations, long seed) {
        return new AlsModel.Algorithm(new AlsModel.Params(factors, alpha, lambda, iterations, 3, seed));
    }

    /**
     * Content-based: items described by attribute strings ({@code "category:coffee"},
     * {@code "merchant:m12"}, {@code "price:10-20"}), customers by the weighted attributes of their
     * history plus their profile tags (each worth {@code tagWeight} of one history item's unit
     * vector). Items without attributes score 0.
     *
     * @param itemAttributes attributes per item id
     * @param profileTags    a customer's profile tags (attribute strings), empty if none
     * @param tagWeight      weight of a profile tag, at least 0
     */
    static Recommender content(Map<String, Set<String>> itemAttributes, Function<String, Set<String>> profileTags,
                               double tagWeight) {
        return new ContentModel.Algorithm(itemAttributes, profileTags, tagWeight);
    }

    /** A weighted sum of the members' raw scores (the weights carry the models' scales). */
    static Recommender blend(Map<Recommender, Double> members) {
        return new BlendModel.Algorithm(members);
    }
}
