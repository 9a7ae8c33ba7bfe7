module github.com/placesim/placesim

go 1.26.8
