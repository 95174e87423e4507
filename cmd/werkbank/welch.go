package main

import "math"

// welchTest compares the means of two samples without assuming equal
// variances (Welch's t-test): the difference mean(a) - mean(b), its t
// statistic, the Welch-Satterthwaite degrees of freedom and the two-sided
// p-value. ok is false when a sample has fewer than two values or both have
// no spread.
func welchTest(a, b []float64) (diff, t, df, p float64, ok bool) {
	if len(a) < 2 || len(b) < 2 {
		return 0, 0, 0, 0, false
	}
	va, vb := sampleSD(a), sampleSD(b)
	qa, qb := va*va/float64(len(a)), vb*vb/float64(len(b))
	if qa+qb == 0 {
		return 0, 0, 0, 0, false
	}
	diff = mean(a) - mean(b)
	t = diff / math.Sqrt(qa+qb)
	df = (qa + qb) * (qa + qb) / (qa*qa/float64(len(a)-1) + qb*qb/float64(len(b)-1))
	return diff, t, df, studentTwoSided(t, df), true
}

// studentTwoSided returns P(|T| >= |t|) for Student's t distribution with
// df degrees of freedom: the regularized incomplete beta I_x(df/2, 1/2) at
// x = df / (df + t^2).
func studentTwoSided(t, df float64) float64 {
	return regIncBeta(df/(df+t*t), df/2, 0.5)
}

// regIncBeta is the regularized incomplete beta function I_x(a, b), from
// its continued fraction (Numerical Recipes, betacf), which converges
// quickly for x < (a+1)/(a+b+2); the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
// covers the rest.
func regIncBeta(x, a, b float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a + b)
	lb, _ := math.Lgamma(a)
	lc, _ := math.Lgamma(b)
	front := math.Exp(la - lb - lc + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaContinuedFraction(x, a, b) / a
	}
	return 1 - front*betaContinuedFraction(1-x, b, a)/b
}

// betaContinuedFraction evaluates the continued fraction of the incomplete
// beta function by the modified Lentz method.
func betaContinuedFraction(x, a, b float64) float64 {
	const tiny, eps = 1e-300, 1e-15
	c, d := 1.0, 1-(a+b)*x/(a+1)
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		for _, num := range []float64{
			fm * (b - fm) * x / ((a + 2*fm - 1) * (a + 2*fm)),
			-(a + fm) * (a + b + fm) * x / ((a + 2*fm) * (a + 2*fm + 1)),
		} {
			d = 1 + num*d
			if math.Abs(d) < tiny {
				d = tiny
			}
			c = 1 + num/c
			if math.Abs(c) < tiny {
				c = tiny
			}
			d = 1 / d
			h *= d * c
		}
		if math.Abs(d*c-1) < eps {
			break
		}
	}
	return h
}
